"""Quality gate: CI fails when extraction quality drops below pinned floors, on every gold corpus (precision,
F1, role accuracy, attribution and denials) and on the behavioural suite (per capability and overall).

Floors are pinned a little below the measured figures: raise them as extraction improves, never lower them
to make a change pass. In CI (.ci/run sets ARMSWATCH_CI=1) a missing ../shared fails the gate."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from armswatch.evaluation import (
    corpus_documents,
    evaluate_fusion,
    labelled_confidences,
    reliability,
    run_behaviour,
)
from armswatch.pipeline import Pipeline
from armswatch.scoring import score_records
from conftest import OWN_CORPUS, ROOT, SHARED

FRESH_CORPUS = ROOT / "tests" / "fresh"
SUITE = ROOT / "tests" / "behaviour" / "suite.yaml"
CORPORA = {
    "shared dev": SHARED / "corpus" / "dev",
    "shared real": SHARED / "corpus" / "real",
    "own": OWN_CORPUS,
    "fresh": FRESH_CORPUS,
}
# Our corpus is gated part by part: each batch written later is harder than those tuned before it, so a
# whole-corpus floor would fall each time one joins. Parts by the first letter of their articles' names.
# each set of parts by the prefixes of its articles' names
OWN_PARTS: dict[str, tuple[str, ...]] = {
    "own": tuple("abcdefghijklmnopqrstu"),
    "own, parts v-y": tuple("vwxy"),
    "own, parts za-zb": ("za", "zb"),
    "own, parts zc-ze": ("zc", "zd", "ze"),
    "own, parts zf-zh": ("zf", "zg", "zh"),
    "own, parts zi-zl": ("zi", "zj", "zk", "zl"),
    "own, parts zm-zp": ("zm", "zn", "zo", "zp"),
    "own, parts zq-zt": ("zq", "zr", "zs", "zt"),
    "own, parts zu-zx": ("zu", "zv", "zw", "zx"),
    "own, parts zy-zz": ("zy", "zz"),
    "own, parts z1-z2": ("z1-", "z2-"),
    "own, parts z3-z4": ("z3-", "z4-"),
    "own, parts z5-z6": ("z5-", "z6-"),
    "own, parts z7-z8": ("z7-", "z8-"),
    "own, parts z9-z0": ("z9-", "z0-"),  # z0 after z9: names starting "y1-" would fall in part y
    "own, parts 1a-1b": ("1a-", "1b-"),  # the z series is full: later parts are named by a digit and a letter
    "own, parts 1c-1d": ("1c-", "1d-"),
    "own, parts 1e-1f": ("1e-", "1f-"),
    "own, parts 1g-1h": ("1g-", "1h-"),
    "own, parts 1i-1j": ("1i-", "1j-"),
    "own, parts 1k-1l": ("1k-", "1l-"),
    "own, parts 1m-1n": ("1m-", "1n-"),
    "own, parts 1o-1p": ("1o-", "1p-"),
    "own, parts 1q-1r": ("1q-", "1r-"),
    "own, parts 1s-1t": ("1s-", "1t-"),
    "own, parts 1u-1v": ("1u-", "1v-"),
    "own, parts 1w-1x": ("1w-", "1x-"),
}
FLOORS: dict[str, dict[str, float]] = {
    "shared dev": {
        "event_precision": 0.90,
        "event_f1": 0.87,
        "role_accuracy": 0.75,
        "attribution": 0.845,
        "denials": 1.0,
        "grounded": 1.0,
    },
    # stop 23: a party's own word now confirms; one optional hedge ("Russian officials indicated that India
    # might be planning to buy") was annotated as a claim, so attribution measures 0.838
    "shared real": {
        "event_precision": 0.85,
        "event_f1": 0.82,
        "role_accuracy": 0.76,
        "attribution": 0.83,
        "denials": 0.80,
        "grounded": 1.0,
    },
    # parts 1w and 1x (20 articles, each part written in halves: Central Asia and the Caucasus in their own
    # press and Gulf state media on their own arms purchases; the Korean peninsula press and Nordic and Baltic
    # defence cooperation; 181 required events) joined at stop 53: F1 0.677 on arrival (1w 0.722, 1x 0.641;
    # attribution 0.837, denials 0.790), 0.718 after stop 53's rules (precision 0.688, recall 0.751, role
    # 0.803, attribution 0.846, denials 0.790)
    "own, parts 1w-1x": {
        "event_precision": 0.67,
        "event_f1": 0.70,
        "role_accuracy": 0.78,
        "attribution": 0.82,
        "denials": 0.75,
        "grounded": 1.0,
    },
    # parts 1u and 1v (20 articles, each part written in halves: security ties in the Horn of Africa and the
    # Red Sea as the region's own press reports them and artillery, rocket-launcher and self-propelled gun
    # export deals; Japan's and Australia's defence ties with Southeast Asia and the Pacific and Ukraine's
    # defence industry abroad; 177 required events) joined at stop 52: F1 0.733 on arrival (1u 0.778, 1v
    # 0.682; attribution 0.783, denials 0.652), 0.794 after stop 52's rules (precision 0.756, recall 0.836,
    # role 0.794, attribution 0.770, denials 0.625)
    "own, parts 1u-1v": {
        "event_precision": 0.73,
        "event_f1": 0.77,
        "role_accuracy": 0.77,
        "attribution": 0.75,
        "denials": 0.55,
        "grounded": 1.0,
    },
    # parts 1s and 1t (20 articles, each part written in halves: military trainer and light-attack aircraft
    # changing hands and Russian and Belarusian state media in English on their military ties abroad; regional
    # standby forces and African peace-support missions and the Latin American specialist military press; 180
    # required events) joined at stop 51: F1 0.625 on arrival (1s 0.658, 1t 0.596; attribution 0.781,
    # denials 7 of 13), 0.689 after stop 51's rules (precision 0.719, recall 0.661, role 0.781, attribution
    # 0.788, denials 7 of 13)
    "own, parts 1s-1t": {
        "event_precision": 0.70,
        "event_f1": 0.67,
        "role_accuracy": 0.76,
        "attribution": 0.77,
        "denials": 0.50,
        "grounded": 1.0,
    },
    # parts 1q and 1r (20 articles, each part written in halves: military transport and tanker aircraft
    # changing hands and the Western Balkan press on arms and military cooperation; parliamentary written
    # answers, hearings and Hansard-style records and naval shipyards' export news; 181 required events)
    # joined at stop 50: F1 0.645 on arrival (1q 0.647, 1r 0.643; attribution 0.796, denials 7 of 12), 0.665
    # after stop 50's rules (precision 0.646, recall 0.685, role 0.819, attribution 0.802, denials 7 of 12)
    "own, parts 1q-1r": {
        "event_precision": 0.62,
        "event_f1": 0.64,
        "role_accuracy": 0.80,
        "attribution": 0.78,
        "denials": 0.50,
        "grounded": 1.0,
    },
    # parts 1o and 1p (20 articles, each part written in halves: embassy and defence-attaché releases on
    # security assistance and leases, loans and upgrades done abroad; the English-language press of Iran and
    # Pakistan on their defence ties and military helicopters changing hands; 187 required events) joined at
    # stop 49: F1 0.700 on arrival (1o 0.709, 1p 0.691; attribution 0.790, denials 11 of 17), 0.747 after stop
    # 49's rules (precision 0.744, recall 0.749, role 0.756, attribution 0.780, denials 12 of 20)
    "own, parts 1o-1p": {
        "event_precision": 0.72,
        "event_f1": 0.72,
        "role_accuracy": 0.74,
        "attribution": 0.76,
        "denials": 0.55,
        "grounded": 1.0,
    },
    # parts 1m and 1n (20 articles, each part written in halves: the Pacific Islands and Oceania press on
    # security cooperation and arms traced in customs records, trade statistics and shipping data; defence
    # procurement agencies' releases, contract notices and notifications, and military infrastructure built,
    # funded or used by another state; 179 required events) joined at stop 48: F1 0.686 on arrival (1m 0.741,
    # 1n 0.616; attribution 0.828, denials 10 of 13), 0.755 after stop 48's rules (precision 0.745, recall
    # 0.765, role 0.828, attribution 0.831, denials 11 of 14)
    "own, parts 1m-1n": {
        "event_precision": 0.73,
        "event_f1": 0.74,
        "role_accuracy": 0.81,
        "attribution": 0.82,
        "denials": 0.75,
        "grounded": 1.0,
    },
    # parts 1k and 1l (20 articles, each part written in halves: the Central and Eastern European press in
    # translation on its states' purchases and Gulf state news agencies and dailies on defence cooperation;
    # OSINT reporting from flight and ship tracking and satellite imagery, and the Sahel and the Lake Chad
    # basin in juntas' communiqués, state media and regional dailies; 172 required events) joined at stop 47:
    # F1 0.754 on arrival (1k 0.786, 1l 0.717; attribution 0.840, denials 11 of 16), 0.804 after stop 47's
    # rules (precision 0.795, recall 0.814, role 0.817, attribution 0.830); stop 52: denials floor lowered
    # from 0.68 to 0.66 because an OSINT piece's claimed UAE ammunition deliveries to the RSF are now found,
    # one of their two denials on the event read (11 of 16 -> 12 of 18, while found rose 140 -> 141 of 172)
    "own, parts 1k-1l": {
        "event_precision": 0.78,
        "event_f1": 0.79,
        "role_accuracy": 0.80,
        "attribution": 0.82,
        "denials": 0.66,
        "grounded": 1.0,
    },
    # parts 1i and 1j (20 articles, each part written in halves: the South Korean, Japanese and Turkish press
    # on their defence industries' exports and war reporting from Ukraine and Russia on foreign-supplied
    # weapons; the Indian defence press and summit joint statements, communiqués and outcome lists; 169
    # required events) joined at stop 46: F1 0.742 on arrival (1i 0.770, 1j 0.710; attribution 0.863,
    # denials 12 of 15), 0.779 after stop 46's rules (precision 0.760, recall 0.799, role 0.798, attribution
    # 0.867)
    "own, parts 1i-1j": {
        "event_precision": 0.75,
        "event_f1": 0.77,
        "role_accuracy": 0.79,
        "attribution": 0.86,
        "denials": 0.70,
        "grounded": 1.0,
    },
    # parts 1g and 1h (20 articles, each part written in halves: Chinese and Russian state media in their
    # English services and the Arabic-language press in translation; maritime security at sea and military
    # training and education abroad; 171 required events) joined at stop 45: F1 0.686 on arrival (1g 0.733,
    # 1h 0.637; attribution 0.817, denials 8 of 15), 0.754 after stop 45's rules (precision 0.791, role
    # 0.716, attribution 0.811)
    "own, parts 1g-1h": {
        "event_precision": 0.79,
        "event_f1": 0.75,
        "role_accuracy": 0.71,
        "attribution": 0.81,
        "denials": 0.50,
        "grounded": 1.0,
    },
    # parts 1e and 1f (20 articles, each part written in halves: naval shipbuilding for foreign navies and
    # military-aid pledging, donor coalitions and aid packages; arms embargoes, sanctions and panel-of-experts
    # findings and procurement competitions, tenders and bid protests; 184 required events) joined at stop 44:
    # F1 0.683 on arrival (1e 0.687, 1f 0.677; attribution 0.861, denials 9 of 14), 0.701 after stop 44's
    # rules (precision 0.737, role 0.807, attribution 0.861, denials 9 of 14)
    "own, parts 1e-1f": {
        "event_precision": 0.73,
        "event_f1": 0.70,
        "role_accuracy": 0.80,
        "attribution": 0.86,
        "denials": 0.64,
        "grounded": 1.0,
    },
    # parts 1c and 1d (20 articles, each part written in halves: year-in-review and anniversary round-ups and
    # picture, video and graphics pages; the French-, Portuguese- and Spanish-language press of Africa and
    # Latin America in translation and drones, loitering munitions and counter-drone systems; 183 required
    # events) joined at stop 43: F1 0.646 on arrival (1c 0.631, 1d 0.668; attribution 0.716, denials 9 of
    # 17), 0.655 after stop 43's rules (precision 0.684, role 0.694, attribution 0.721, denials 10 of 17)
    "own, parts 1c-1d": {
        "event_precision": 0.68,
        "event_f1": 0.65,
        "role_accuracy": 0.69,
        # stop 45: 0.718, F1 0.655 -> 0.660: a clash newly found comes with one of its attributions right
        "attribution": 0.71,
        "denials": 0.58,
        "grounded": 1.0,
    },
    # parts 1a and 1b (20 articles, each part written in halves: debates and rights of reply at the UN and
    # regional bodies and courts and licence decisions on arms exports; the English-language press of
    # Southeast Asia, Central Asia, the Caucasus and Eastern Europe with machine-translated reports and
    # newsletters, podcasts and broadcast transcripts; 164 required events) joined at stop 42: F1 0.608 on
    # arrival (1a 0.540, 1b 0.671; attribution 0.710, denials 6 of 12), 0.674 after stop 42's rules
    # (precision 0.712, role 0.667, attribution 0.755, denials 8 of 12)
    "own, parts 1a-1b": {
        # stop 45: 0.709, F1 0.674 -> 0.676 (one event more found, two more predicted)
        "event_precision": 0.70,
        "event_f1": 0.67,
        "role_accuracy": 0.66,
        "attribution": 0.75,
        "denials": 0.66,
        "grounded": 1.0,
    },
    # parts z9 and z0 (20 articles, each part written in halves: interdictions, seizures and smuggling of arms
    # shipments and defence exhibitions' show dailies; interviews and Q&As and the English-language press of
    # South Asia, Africa and the Gulf with a machine-translated report; 190 required events) joined at stop
    # 41: F1 0.668 on arrival (z9 0.599, z0 0.736; attribution 0.735, denials 6 of 13), 0.695 after stop
    # 41's rules (precision 0.706, role 0.766, attribution 0.770, denials 6 of 13)
    "own, parts z9-z0": {
        "event_precision": 0.70,
        "event_f1": 0.69,
        "role_accuracy": 0.76,
        "attribution": 0.77,
        "denials": 0.46,
        "grounded": 1.0,
    },
    # parts z7 and z8 (20 articles, each part written in halves: private military companies and non-state
    # armed groups and anonymous, layered sourcing in scoops and their follow-ups; obituaries, anniversaries
    # and farewells told as background deals and armed forces in evacuations and disaster relief; 186
    # required events) joined at stop 40: F1 0.640 on arrival (z7 0.680, z8 0.596; attribution 0.740,
    # denials 12 of 17), 0.685 after stop 40's rules (precision 0.692, role 0.808, attribution 0.763,
    # denials 13 of 18)
    "own, parts z7-z8": {
        "event_precision": 0.68,  # stop 42: one more event predicted (144 of 209 right)
        "event_f1": 0.68,
        # stop 45: 0.792, F1 0.689 -> 0.696: two events newly found, few roles right; stop 46: 0.789 (318 of
        # 403, F1 0.696 held): a contract's status now reaches a transfer read from "contracts" nearby
        "role_accuracy": 0.78,
        "attribution": 0.76,
        "denials": 0.72,
        "grounded": 1.0,
    },
    # parts z5 and z6 (20 articles, each part written in halves: peacekeeping and multinational missions and
    # press-briefing transcripts; articles whose most arms-like events are none (tests, roll-outs, rankings,
    # museum pieces, civilian words) and local news around arms plants, ports and bases; 151 required events)
    # joined at stop 39: F1 0.710 on arrival (z5 0.694, z6 0.732; attribution 0.769, denials 5 of 10), 0.744
    # after stop 39's rules (precision 0.734, role 0.799, attribution 0.819, denials 7 of 10)
    "own, parts z5-z6": {
        "event_precision": 0.73,
        "event_f1": 0.74,
        "role_accuracy": 0.79,
        "attribution": 0.81,
        "denials": 0.70,
        "grounded": 1.0,
    },
    # parts z3 and z4 (20 articles, each part written in halves: live blogs and rolling coverage and
    # weapons-tracing investigations; industrial cooperation (licensed production, offsets, joint ventures,
    # upkeep contracts) and the financial and markets press; 184 required events) joined at stop 38: F1 0.703
    # on arrival (z3 0.647, z4 0.757; attribution 0.736), 0.747 after stop 38's rules
    # (precision 0.786, role 0.769, attribution 0.736, denials 9 of 10)
    "own, parts z3-z4": {
        "event_precision": 0.78,
        "event_f1": 0.74,
        "role_accuracy": 0.76,
        # stop 42: the events found since (a pledge and the Mota strike) bring sources not all read
        "attribution": 0.72,
        # stop 42: 9 of 11; two more events found, the Mota strike's denial among them unread
        "denials": 0.81,
        "grounded": 1.0,
    },
    # parts z1 and z2 (20 articles, each part written in halves: national arms-export reports and licence data
    # and long-form analysis and opinion; sensors, satellites, radars and communications equipment and
    # defence-enthusiast and aggregator sites; 192 required events) joined at stop 37: F1 0.673 on arrival
    # (z1 0.696, z2 0.647; attribution 0.796), 0.723 after stop 37's rules (precision 0.756, role 0.775,
    # attribution 0.796, denials 6 of 8)
    "own, parts z1-z2": {
        "event_precision": 0.75,
        "event_f1": 0.72,
        "role_accuracy": 0.77,
        "attribution": 0.79,
        # stop 42: 5 of 8; a quoted denial of "any Russian aircraft" is read now, as an event of its
        # own beside the Su-35 claim it answers, which keeps only the claim
        "denials": 0.62,
        "grounded": 1.0,
    },
    # parts zy and zz (20 articles, each part written in halves: fact-checks of viral claims and official
    # rebuttals and corrections; timelines, key-dates boxes and explainers, and military aviation; 159
    # required events) joined at stop 36: F1 0.703 on arrival (zy 0.724, zz 0.682; attribution 0.713), 0.743
    # after stop 36's rules (precision 0.732, role 0.710, attribution 0.727, denials 11 of 18)
    "own, parts zy-zz": {
        "event_precision": 0.72,
        "event_f1": 0.73,
        "role_accuracy": 0.70,
        "attribution": 0.71,
        "denials": 0.61,
        "grounded": 1.0,
    },
    # parts zu, zv, zw and zx (32 articles: pages of short wire briefs, land systems, defence pacts and basing
    # agreements, and border clashes and strikes told from officials' posts, 285 required events) joined at
    # stop 35: F1 0.757 on arrival (zu 0.751, zv 0.738, zw 0.789, zx 0.751; attribution 0.771), 0.797 after
    # stop 35's rules (precision 0.805, role 0.745, attribution 0.770, denials 21 of 23)
    "own, parts zu-zx": {
        "event_precision": 0.79,
        "event_f1": 0.78,
        "role_accuracy": 0.73,
        "attribution": 0.76,
        "denials": 0.86,
        "grounded": 1.0,
    },
    # parts zq, zr, zs and zt (32 articles on air and missile defence, on submarine and warship programmes, on
    # ammunition, shells and small arms, and on state media speaking for their governments, 272 required
    # events) joined at stop 34: F1 0.638 on arrival (zq 0.559, zr 0.718, zs 0.553, zt 0.716; attribution
    # 0.796), 0.666 after stop 34's rules (precision 0.690, role 0.717, attribution 0.801, denials 14 of 21)
    "own, parts zq-zt": {
        "event_precision": 0.68,
        "event_f1": 0.65,
        "role_accuracy": 0.70,
        "attribution": 0.79,
        "denials": 0.66,
        "grounded": 1.0,
    },
    # parts zm, zn, zo and zp (32 articles on second-hand and surplus weapons, on security assistance to
    # police, coast guards and border forces, on joint exercises, drills, port calls and rotations, and on
    # arms-deal corruption scandals and trials, 258 required events) joined at stop 33: F1 0.586 on arrival
    # (zm 0.528, zn 0.503, zo 0.652, zp 0.678; attribution 0.779), 0.624 after stop 33's rules (precision
    # 0.713, role 0.712, attribution 0.757, denials 6 of 7)
    "own, parts zm-zp": {
        "event_precision": 0.70,
        "event_f1": 0.61,
        "role_accuracy": 0.70,
        "attribution": 0.74,
        "denials": 0.71,
        "grounded": 1.0,
    },
    # parts zi, zj, zk and zl (32 articles on arms deals told by defence-industry corporate communication,
    # on interdictions and export-control enforcement, on defence shows, and on parliaments, budgets and
    # auditors, 299 required events) joined at stop 32: F1 0.600 on arrival (zi 0.481, zj 0.671, zk 0.643,
    # zl 0.589; attribution 0.751), 0.670 after stop 32's rules (precision 0.722, role 0.788, attribution
    # 0.752, denials 15 of 18)
    "own, parts zi-zl": {
        "event_precision": 0.70,
        "event_f1": 0.65,
        "role_accuracy": 0.76,
        "attribution": 0.73,
        "denials": 0.75,
        "grounded": 1.0,
    },
    # parts zf, zg and zh (24 articles on military aid in wartime, on events told in interviews, transcripts,
    # columns and speeches, and on pages of many short items, 221 required events) joined at stop 31: F1 0.634
    # on arrival (zf 0.597, zg 0.632, zh 0.673; attribution 0.665), 0.693 after stop 31's rules (precision
    # 0.728, role 0.712, attribution 0.750, denials 7 of 13)
    "own, parts zf-zh": {
        "event_precision": 0.71,
        "event_f1": 0.68,
        "role_accuracy": 0.70,
        "attribution": 0.73,
        "denials": 0.53,
        "grounded": 1.0,
    },
    # parts zc, zd and ze (24 articles on arms deals inside general news, forces sent in a crisis and defence
    # diplomacy, 189 required events) joined at stop 30: F1 0.649 on arrival (zc 0.622, zd 0.540, ze 0.779),
    # 0.718 after stop 30's rules (precision 0.809, role 0.691, attribution 0.756, denials 1 of 3)
    "own, parts zc-ze": {
        "event_precision": 0.78,
        "event_f1": 0.69,
        "role_accuracy": 0.67,
        "attribution": 0.73,
        "denials": 0.33,
        "grounded": 1.0,
    },
    # parts za and zb (20 articles on deliveries told from the receiving side and on forces abroad, 172
    # required events) joined at stop 29: F1 0.630 on arrival (za 0.727, zb 0.526), 0.722 after stop 29's
    # rules (precision 0.793, role 0.752, attribution 0.761, denials 4 of 4); stop 30: F1 0.737
    "own, parts za-zb": {
        "event_precision": 0.77,
        "event_f1": 0.72,
        "role_accuracy": 0.73,
        "attribution": 0.74,
        "denials": 0.75,
        "grounded": 1.0,
    },
    # parts v to y (40 articles on procurement round-ups, forces abroad, contested reports and translated
    # copy, 352 required events) joined at stop 28: F1 0.592 on arrival, before any rule was read from them,
    # and 0.650 after stop 28's rules (precision 0.718, attribution 0.720, denials 19 of 34)
    # (stop 29: F1 0.659)
    "own, parts v-y": {
        "event_precision": 0.70,
        "event_f1": 0.64,
        "role_accuracy": 0.74,
        "attribution": 0.70,
        "denials": 0.53,
        "grounded": 1.0,
    },
    # parts h and i (20 harder articles in new outlet styles) joined the corpus at stop 22, parts j and k
    # (20 more, attribution 0.65 on their own) at stop 23; attribution and denials are pinned a little below
    # what the grown corpus measures (0.772 and 0.690). Parts p to u (60 articles written to be read untuned,
    # F1 0.70 together before stop 27's rules) joined at stop 27: the whole corpus measures F1 0.751. Since
    # stop 28 this entry gates parts a to u (F1 0.757), the later parts their own
    "own": {
        "event_precision": 0.77,
        "event_f1": 0.74,
        "role_accuracy": 0.73,
        "attribution": 0.76,
        "denials": 0.65,
        "grounded": 1.0,
    },
    # stop 22 measured 0.826 attribution and 2 of 7 denials here (from 0.833 and 0.333, with F1 up from 0.634
    # to 0.647); its misses are never read, so the floors follow the measurement rather than a tuning.
    # Stop 26: F1 0.646 -> 0.652 and attribution 0.835 -> 0.819, every attribution right before still right
    # (197 of 236 -> 199 of 243): the 7 new ones come with the clashes newly found, and only 2 are right.
    # Stop 27: precision 0.726, F1 0.670, attribution 0.833, denials 4 of 8. Stop 29: precision 0.733, F1
    # 0.681, attribution 0.828, denials 4 of 8. Stop 30: F1 0.685 (recall 0.636 -> 0.647), attribution 0.816:
    # 213 of 261 where stop 29 had 211 of 255 (the 6 new ones come with the events newly found, 2 right).
    # Stop 31: F1 0.687 (recall 0.651), attribution 0.818. Stop 32: F1 0.689 (precision 0.728, recall 0.654),
    # role 0.773, attribution 0.818. Stop 33: F1 0.694. Stop 34: F1 0.697 (recall 0.669), role 0.777.
    # Stop 35: F1 0.700 (recall 0.676), attribution 0.816. Stop 36: F1 0.706 (precision 0.726 -> 0.738)
    # Stop 39: F1 0.710 (recall 0.680), attribution 0.807: 221 of 274 where stop 38 had 221 of 271, every
    # attribution right before still right; the 3 new ones come with the one event newly found, none right.
    # Stop 40: F1 0.710 (precision 0.743 -> 0.739, recall 0.680 -> 0.684: one event more found, three more
    # predicted), role 0.777, attribution 0.807. Stop 41: F1 0.714 (precision 0.743, recall 0.688: one event
    # more found, one more predicted), role 0.780, attribution 0.812. Stop 42: F1 0.715 (precision 0.741,
    # recall 0.691: one event more found, two more predicted), role 0.777, attribution 0.806. Stop 43: F1
    # 0.715, every figure as at stop 42 (215 of 290 predicted, 188 of 272 found). Stop 44: F1 0.715
    # (precision 0.740: 216 of 292 predicted, 188 of 272 found), attribution 0.809. Stop 45: F1 0.716
    # (precision 0.739, recall 0.695: one event more found, three more predicted), attribution 0.807. Stop 46:
    # F1 0.719 (precision 0.741, recall 0.699: one event more found, two more predicted, both right),
    # attribution 0.808. Stop 47: F1 0.720 (precision 0.743: one spurious event fewer, 220 of 296 predicted,
    # 190 of 272 found), attribution 0.808. Stop 48: F1 0.721 (precision 0.746: one spurious event fewer, 220
    # of 295 predicted, 190 of 272 found), attribution 0.808. Stop 49: every figure as at stop 48 (220 of
    # 295 predicted, 190 of 272 found). Stop 50: F1 0.723 (precision 0.748: one spurious event fewer, 220 of
    # 294 predicted, 190 of 272 found). Stop 51: F1 0.727 (precision 0.749, recall 0.706: two events more
    # found, one more predicted, 221 of 295), attribution 0.807, denials 5 of 11. Stop 52: F1 0.733 (precision
    # 0.753, recall 0.713: two events more found, one more predicted, 223 of 296), attribution 0.808. Stop 53:
    # every figure as at stop 52 (223 of 296 predicted, 194 of 272 found).
    "fresh": {
        "event_precision": 0.72,
        "event_f1": 0.69,
        "role_accuracy": 0.76,
        "attribution": 0.80,
        "denials": 0.43,
        "grounded": 1.0,
    },
}
BEHAVIOUR_OVERALL = 0.93
BEHAVIOUR_FLOORS = {  # per capability, a little below the measured pass rate
    "direction_recipient_subject": 0.97,
    "direction_supplier_subject": 0.95,
    "direction_passive": 0.97,
    "direction_nominal": 0.95,
    "makers_and_partners": 0.85,
    "background_deals": 0.80,
    "stage": 0.95,
    "factuality": 0.97,
    "meetings": 0.95,
    "deployments": 0.97,
    "combat_claims": 0.90,
    "attribution_outlets": 0.95,
    "attribution_speakers": 0.87,
    "non_events": 0.97,
    "role_details": 0.95,
    "financing": 0.97,
    "agreements": 0.95,
    "exercises": 0.95,
    "transfer_wordings": 0.95,
    "denials": 0.97,
    "named_events": 0.88,
    "financing_packages": 0.95,
    "withdrawals": 0.95,
    "clash_places": 0.95,
    "page_labels": 0.95,
}


def shared_or_fail(corpus: Path) -> None:
    if corpus.exists():
        return
    if os.environ.get("ARMSWATCH_CI"):
        pytest.fail(f"{corpus} is missing: CI runs with ../shared beside the checkout")
    pytest.skip(f"{corpus} is not beside this checkout")


@pytest.fixture(scope="module")
def scored(corpus_records, tmp_path_factory) -> dict[str, tuple[dict[str, Any], list[dict[str, Any]]]]:  # type: ignore[no-untyped-def]
    """Each corpus's summary and predicted records (extracted once per test session)."""
    out = {}
    for name, corpus in CORPORA.items():
        if corpus.is_dir():
            records = corpus_records(corpus)
            if corpus == OWN_CORPUS:
                for part, prefixes in OWN_PARTS.items():
                    folder = own_part(corpus, prefixes, tmp_path_factory)
                    out[part] = (score_records(records, folder)[0], records)
                continue
            summary, _ = score_records(records, corpus)
            out[name] = (summary, records)
    return out


def own_part(corpus: Path, prefixes: tuple[str, ...], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the gold files of the articles whose names start with one of the prefixes."""
    folder = tmp_path_factory.mktemp("own-" + prefixes[0])
    for gold in corpus.glob("*.gold.json"):
        if gold.name.startswith(prefixes):
            (folder / gold.name).symlink_to(gold)
            text = gold.with_name(gold.name.replace(".gold.json", ".txt"))
            (folder / text.name).symlink_to(text)
    return folder


def check(summary: dict[str, Any], floors: dict[str, float]) -> None:
    low = {k: summary[k] for k, floor in floors.items() if (summary[k] or 0.0) < floor - 1e-9}
    assert not low, f"below the floor: {low} (floors {floors})"


@pytest.mark.parametrize("name", list(FLOORS))
def test_corpus_quality(name: str, scored: dict[str, tuple[dict[str, Any], list[dict[str, Any]]]]) -> None:
    shared_or_fail(CORPORA.get(name, OWN_CORPUS))
    summary, _ = scored[name]
    check(summary, FLOORS[name])


# Fusion floors, pinned at the measured figures: our fusion sets (tests/fusion, 8 stories, 5 distractors;
# tests/fusion_dev2, 8 stories, 4 distractors; tests/fusion_dev3, 8 stories, 3 distractors; tests/fusion_dev4,
# 8 stories, 4 distractors; tests/fusion_dev5, 8 stories, 4 distractors; tests/fusion_dev6 and
# tests/fusion_dev7, tests/fusion_dev8, tests/fusion_dev9, tests/fusion_dev10, tests/fusion_dev11,
# tests/fusion_dev12, tests/fusion_dev13, tests/fusion_dev14, tests/fusion_dev15, tests/fusion_dev16,
# tests/fusion_dev17, tests/fusion_dev18, tests/fusion_dev19, tests/fusion_dev20, tests/fusion_dev21,
# tests/fusion_dev22, tests/fusion_dev23, tests/fusion_dev24, tests/fusion_dev25, tests/fusion_dev26 and
# tests/fusion_dev27, 8 stories, 4 distractors each) and our held-out one (tests/fusion_fresh, 9 stories, 6
# distractors; scored, never read).
FUSION_FLOORS = {
    "fusion": {
        "stories_fused": 8 / 8,
        # 8/8 since stop 26: the state-media report of one deployment ("Servicemen of the Africa Corps of the
        # Russian Defence Ministry have begun carrying out tasks in X") is read as Russia's
        "origins_exact": 8 / 8,
        "contested_right": 1.0,
        "distractors_out": 1.0,
    },
    # a second development set, written after the first was fixed; stop 23 fused the Saudi Press Agency's
    # "arrival of the first units" and "the vehicles" flown, and kept a deployment of 2018 apart
    "fusion_dev2": {
        "stories_fused": 7 / 8,
        "origins_exact": 7 / 8,
        "contested_right": 1.0,
        "distractors_out": 1.0,
    },
    # a third development set (8 stories, 3 distractors), written in stop 25 after the second was fixed:
    # scored once at 3/8 fused and 5/8 origins exact, then read and fixed by kind; stop 29: 6/8 and 7/8 (an
    # agreement's sentence no longer lends it the partners of other agreements); stop 31: 7/8 and 8/8 (a grant
    # "announced by Qatar" in a Beirut story goes to Lebanon)
    "fusion_dev3": {
        "stories_fused": 7 / 8,
        "origins_exact": 8 / 8,
        "contested_right": 1.0,
        "distractors_out": 1.0,
    },
    # a fourth development set (8 stories, 4 distractors), written in stop 29 with new states, outlets and
    # credit forms: scored once at 1/8 fused, 1/8 origins exact, 7/8 contested right and 2/4 distractors out,
    # then read and fixed by kind (stop 29: 3/8 and 3/8; stop 30: 7/8 and 6/8; stop 31: 8/8, 8/8 and 8/8)
    "fusion_dev4": {
        "stories_fused": 8 / 8,
        "origins_exact": 8 / 8,
        "contested_right": 8 / 8,
        "distractors_out": 3 / 4,
    },
    # a fifth development set (8 stories, 4 distractors), written in stop 31 with agency short forms,
    # credit formulas and the state media of Bulgaria, Slovakia, Eritrea, Nigeria, Portugal and Sri Lanka:
    # scored once at 6/8 fused, 3/8 origins exact, 7/8 contested right and 2/4 distractors out, then read
    # and fixed by kind (stop 31: 7/8, 6/8, 8/8 and 3/4; stop 33: 8/8 origins exact, the portal copy whose
    # only credit is "auto-generated from a syndicated feed" takes the agency's voice)
    "fusion_dev5": {
        "stories_fused": 7 / 8,
        "origins_exact": 8 / 8,
        "contested_right": 8 / 8,
        "distractors_out": 3 / 4,
    },
    # a sixth development set (8 stories, 4 distractors), written in stop 32 with translated and localised
    # wire copies, multi-agency credits and the state media of 13 new parties: scored once at 5/8 fused, 5/8
    # origins exact, 8/8 contested right and 4/4 distractors out, then read and fixed by kind (stop 32: 6/8,
    # 7/8, 8/8 and 4/4). Stop 50: origins exact 6/8, lowered from 7/8: the Kuwaiti agency's own report of
    # the grant to Jordan ("an agreement ... providing a grant") is now read and joins the case (4 of its 4
    # reports found, not 3), which shows that the Emirati agency's rewrite of it, crediting it in the text
    # ("the Kuwait News Agency (KUNA) reported") but quoting one speaker it does not tie to the agency, counts
    # as a voice of its own; the 3 origins matched before only because the agency's own report was missing
    "fusion_dev6": {
        "stories_fused": 6 / 8,
        "origins_exact": 6 / 8,
        "contested_right": 8 / 8,
        "distractors_out": 4 / 4,
    },
    # a seventh development set (8 stories, 4 distractors), written in stop 33 with an exercise, a financing
    # in two currencies, an agreement signed then ratified, syndication notes, photo credits and "agency
    # inputs": scored once at 6/8 fused, 3/8 origins exact, 8/8 contested right and 1/4 distractors out, then
    # read and fixed by kind (stop 33: 7/8, 6/8, 8/8 and 2/4); stop 41: 5/8 origins exact, as the wire's own
    # delivery report and its translated copy ("vehicles built by Patria for the Latvian army were handed
    # over") are now read and join the case, beside the distractor that already sat in it
    "fusion_dev7": {
        "stories_fused": 7 / 8,
        "origins_exact": 5 / 8,
        "contested_right": 8 / 8,
        "distractors_out": 2 / 4,
    },
    # an eighth development set (8 stories, 4 distractors), written in stop 34 with an order later told as a
    # delivery, a combat use with competing claims, a wire's rewrite of a state portal, an agency's byline on
    # a portal copy and the state media of 15 new parties: scored once at 6/8 fused, 2/8 origins exact, 6/8
    # contested right and 2/4 distractors out, then read and fixed by kind (stop 34: 7/8, 5/8, 7/8 and 2/4;
    # stop 35: contested 8/8, a drone strike told as "a strike by the Beninese army" now read)
    "fusion_dev8": {
        "stories_fused": 7 / 8,
        "origins_exact": 5 / 8,
        "contested_right": 8 / 8,
        "distractors_out": 2 / 4,
    },
    # a ninth development set (8 stories, 4 distractors), written in stop 35 with 15 new party states, the
    # first clash story, credits as an author field, a source line naming two agencies, a "Por" byline and
    # a copyright line: scored once at 3/8 fused, 3/8 origins exact, 6/8 contested right and 4/4
    # distractors out, then read and fixed by kind (stop 35: 6/8, 4/8, 7/8 and 4/4); stop 51: 8/8 contested
    # right
    "fusion_dev9": {
        "stories_fused": 7 / 8,
        "origins_exact": 5 / 8,
        "contested_right": 8 / 8,
        "distractors_out": 4 / 4,
    },
    # a tenth set (15 new party states; credits in a "Text:" line, "(Agencies)", a "Reporting by" line, a
    # photo caption, an "IANS" slug, "Agence France-Presse" spelled out): scored once at 3/8 fused, 1/8
    # origins exact, 7/8 contested right and 3/4 distractors out, then read (stop 36: 3/8, 2/8, 7/8 and 3/4).
    # Stop 37: 3/8, 3/8, 7/8 and 2/4: the trainer delivery to "the Air Brigade of the Army of North Macedonia"
    # is now read and its story fused with three origins, and a distractor's background line on the same
    # order (a pistol delivery's story, whose next paragraph's quote is attached to that line) joins its case.
    # Stop 39: 4/8 fused (the Seychelles-Mauritius memorandum no longer takes a third party from a state
    # reacting to "the agreement")
    "fusion_dev10": {
        "stories_fused": 4 / 8,
        "origins_exact": 3 / 8,
        "contested_right": 7 / 8,
        "distractors_out": 2 / 4,
    },
    # an eleventh set (15 new party states; credits in a copy's notes, an agency's boilerplate line, a
    # republication licence, a rewrite "on the basis of materials from", a headline ending "- AFP"): scored
    # once at 5/8 fused, 2/8 origins exact, 5/8 contested right and 3/4 distractors out, then read (stop 37:
    # 5/8, 4/8, 6/8 and 3/4)
    "fusion_dev11": {
        "stories_fused": 6 / 8,
        "origins_exact": 4 / 8,
        "contested_right": 7 / 8,
        "distractors_out": 3 / 4,
    },
    # a twelfth set (15 new party states; credits in an editor's note at the top, "(Con información de EFE)"
    # in Spanish, an AP copyright notice, a regional wire's closing line; Caribbean dollars): scored once at
    # 4/8 fused, 1/8 origins exact, 6/8 contested right and 4/4 distractors out, then read (stop 38:
    # 6/8, 2/8, 6/8 and 3/4: a course funded by Trinidad and Tobago six months before the grant (d1) now
    # names "St Vincent" and its funding joins the grant's case)
    "fusion_dev12": {
        "stories_fused": 6 / 8,
        "origins_exact": 3 / 8,
        "contested_right": 6 / 8,
        "distractors_out": 3 / 4,
    },
    # stop 23 measured 7/9 fused (up from 6/9) and 4/9 origins exact (down from 5/9); stop 26 8/9 fused. Its
    # stories are never read, so the floors follow the measurement; stop 31: 5/9 origins exact
    # a thirteenth development set (8 stories, 4 distractors), written in stop 39 with 15 party states new to
    # the sets (Pacific, Caribbean, Himalayan, Lusophone African and Lao stories) and credits in a photo
    # caption, a "Source:" line, an "AGENCIES" byline, a URL slug only, "(With inputs from ANI)", a translated
    # "With Lusa", a kicker and a dpa slug line: scored once at 3/8 fused, 2/8 origins exact, 7/8 contested
    # right and 3/4 distractors out, then read and fixed by kind (stop 39: 4/8 and 3/8; a reaction to "the
    # agreement" no longer makes a third party of it, and "the government" of a datelined report is the
    # dateline's state); stop 47: 3/8 fused, lowered: the radio's report of the two boats "delivered to Roseau
    # aboard a Dominican Republic Navy support ship" joined its story only through a wrong transfer of the
    # support ship, and a vessel that carried something is no longer what was delivered (its boats, named
    # "the two boats" with no catalog system, are not read)
    "fusion_dev13": {
        "stories_fused": 3 / 8,
        "origins_exact": 3 / 8,
        "contested_right": 7 / 8,
        "distractors_out": 3 / 4,
    },
    # a fourteenth development set (8 stories, 4 distractors), written in stop 40 with eight party states new
    # to the sets (Turkmenistan, San Marino, Kosovo, Nauru, the Cook Islands, Niue, Liechtenstein, Monaco) and
    # credits in brackets after the first paragraph, an "Agency-sourced" label, "—Reuters" mid-text, a
    # syndication-partner note, an image's alt text, a translated "(With material from the SDA)", a copyright
    # footer and a "Wire service content" label: scored once at 5/8 fused, 1/8 origins exact, 7/8 contested
    # right and 3/4 distractors out, then read and fixed by kind (stop 40: 6/8 and 2/8; the new credit forms
    # are read, a release of a body named "Government of X" is X's state media, and a story's patrol-boat
    # contract names its yard as "the Istanbul shipyard Dearsan")
    # stop 45: 5/8 fused, 3/8 origins exact and 7/8 contested right. A report's "clash with armed men on the
    # border with Afghanistan" is now read as a clash with the armed men (a state named only as the far side
    # of a border is a place, as "clashed with smugglers near the border with Libya"), while the story's
    # other reports name Afghanistan as the side, so that story is split in two; another story's fourth
    # origin is now found
    "fusion_dev14": {
        "stories_fused": 5 / 8,
        "origins_exact": 3 / 8,
        "contested_right": 7 / 8,
        "distractors_out": 3 / 4,
    },
    # a fifteenth development set (8 stories, 4 distractors), written in stop 41 with Andorra a party for the
    # first time and copies that hide otherwise: a press release run by two outlets with no credit, an
    # agency's first version and its "UPDATE 2", credits left in the client's language ("Quelle: dpa",
    # "(Agències)", "por Lusa"), a media group's papers sharing one story, an outlet only retelling another,
    # and one state's agency, embassy and foreign-language TV: scored once at 3/8 fused, 2/8 origins exact,
    # 8/8 contested right and 4/4 distractors out, then read and fixed by kind (stop 41: 6/8, 3/8 and 7/8;
    # the reports' own words for an unnamed armed group are one side, "engineering equipment" is as vague as
    # "equipment", plain vehicles handed to a state's forces are aid, a translator's note is clutter, and a
    # "Madrid-based researcher" is no party to the pact, whose case, now whole, is taken as contested by an
    # opposition spokesman's "had not been presented to the Chamber" read as a denial)
    "fusion_dev15": {
        "stories_fused": 6 / 8,
        "origins_exact": 4 / 8,  # stop 50
        "contested_right": 8 / 8,  # stop 44: "had not been presented to the Chamber" is no denial
        "distractors_out": 4 / 4,
    },
    # a sixteenth development set (8 stories, 4 distractors), written in stop 42 with copies and voices that
    # hide otherwise: a portal's syndication page, a distribution service's release on a client site, a
    # sister-language edition, a corrected re-run, a paper's print page, a radio bulletin reading an
    # agency's copy, a newsletter retelling a scoop, an embassy's press clipping, two outlets at one press
    # conference, a ministry's release and its army's social-media post: scored once at 6/8 fused, 1/8
    # origins exact, 7/8 contested right and 2/4 distractors out, then read and fixed by kind (stop 42: 6/8,
    # 2/8, 8/8 and 2/4; "a Left Alliance MP told the paper" is heard through the outlet named before, so a
    # newsletter retelling a scoop is the scoop's voice; "an armed group" repelled is a side, so the state
    # agency's report of the clash, with its denial, joins it). In stop 42 fusion_dev9 (7/8 fused, 5/8
    # origins), fusion_dev11 (6/8 fused, 7/8 contested), fusion_dev12 (3/8 origins: "al-Qaeda" beside Yemen
    # is AQAP) and fusion_dev14 (8/8 contested) rose and are pinned there
    "fusion_dev16": {
        "stories_fused": 7 / 8,  # stop 49
        # 3/8 since stop 44, 2/8 at stop 49: the clash's reports now fuse into one case (the army's "four
        # separatist fighters" and the others' West Papua National Liberation Army), which lets a radio
        # bulletin reading AFP's story in its own words, with no credit, count as a voice of its own; it was
        # hidden before in a case of its own
        "origins_exact": 2 / 8,
        "contested_right": 8 / 8,
        "distractors_out": 2 / 4,
    },
    # stop 43: a trade site retelling a maker's release is the maker's voice, a page on a government's web
    # domain is that state's, a state's own forces still waiting for its own system tell no export, "an
    # Army patrol" fighting a domestic armed group is its home state's, "the French contingent in Romania"
    # is deployed there: scored once at 4/8 fused, 2/8 origins exact, 6/8 contested right and 2/4
    # distractors out, then read and fixed by kind (8/8, 8/8, 7/8 and 2/4; a subject the parse hangs on an
    # opening phrase's list of states is the verb's: "As part of the partnership between Belgium and Benin,
    # Belgian Defence handed over")
    "fusion_dev17": {
        "stories_fused": 8 / 8,
        "origins_exact": 8 / 8,
        "contested_right": 7 / 8,
        "distractors_out": 2 / 4,
    },
    # stop 44: an agency's urgent flash and its full story, a navy's item reposted on its embassy's site, a
    # radio press review retelling a paper's scoop, a broadcaster's web story and bulletin script, a
    # minister's written answer, a minister's opinion page, one joint release on two governments' sites, one
    # official interviewed by two papers, a rights group's alert and a paper built on it, a denial printed as
    # a right of reply: scored once at 4/8 fused, 1/8 origins exact, 5/8 contested right and 3/4 distractors
    # out, then read and fixed by kind (6/8, 2/8, 6/8 and 3/4; a minister's opinion page is the state's
    # voice; "the two sides" looks back past paragraph numbers; "an exchange of fire between troops of the
    # National Army and the EMC" is a clash; a deal "not discussed in the council" is not denied)
    "fusion_dev18": {
        "stories_fused": 6 / 8,
        "origins_exact": 2 / 8,
        "contested_right": 6 / 8,
        "distractors_out": 3 / 4,
    },
    # stop 45: a maker's stock-exchange filing beside its release, a national paper's regional edition, a
    # monitoring service's summary of a paper, an armed forces' magazine beside its ministry's release, a live
    # blog's entry carrying an agency's text, a committee's minutes of a minister's presentation, a ministry's
    # clippings page reprinting a foreign outlet, a podcast retelling one outlet's report, a fact-check:
    # scored once at 6/8 fused, 3/8 origins exact, 7/8 contested right and 3/4 distractors out (with one
    # article of the clash story found), then read and fixed by kind (5/8, 3/8, 7/8 and 3/4: the army's
    # communiqué, with "armed civilians", and the paper's account, with "a group of gunmen", are now read as
    # the clash and fuse; the agency's report names the cartel and stays its own case); stop 46: 6/8 fused
    # (the agency's "six suspected cartel gunmen" are an unnamed group now, and its report joins theirs)
    "fusion_dev19": {
        "stories_fused": 6 / 8,
        "origins_exact": 3 / 8,
        "contested_right": 7 / 8,
        "distractors_out": 3 / 4,
    },
    # stop 46: a maker's LinkedIn post echoing its release, an agency's foreign-language story translated back
    # by a broadcaster crediting it, a television's breaking ticker beside its web story, an embassy's
    # translated press review of a paper, a think tank's daily brief quoting a paper's scoop, one joint
    # statement posted by two ministries, a ministry's Telegram post beside its website item, a wire's
    # factbox built on its own story: scored once at 4/8 fused, 3/8 origins exact, 6/8 contested right and
    # 1/4 distractors out, then read and fixed by kind (6/8, 4/8, 7/8 and 1/4: a post is its account
    # holder's voice, a brief retelling one paper's scoop is that paper's, "landed at Honiara International
    # Airport" is in Solomon Islands, a transport jet the catalog now knows (PC-24) joins its reports, and an
    # MP "not against the agreement" denies nothing; the distractors that name the story's deal as background
    # still join its case)
    "fusion_dev20": {
        "stories_fused": 6 / 8,
        "origins_exact": 4 / 8,
        "contested_right": 7 / 8,
        "distractors_out": 1 / 4,
    },
    # stop 47: a wire's UPDATE rewrite beside its first version, a newsletter digest's item "As reported by" a
    # site, a wiki-style entry footnoted to an agency, an excerpt page "Continue reading on" a paper, a
    # television's video description beside its web story, a ministry's numbered thread beside its release,
    # a state portal carrying its agency's story with "Source:", a wire's correction notice reissuing its
    # story: scored once at 4/8 fused, 1/8 origins exact, 7/8 contested right and 3/4 distractors out, then
    # read and fixed by kind (7/8, 7/8, 7/8 and 3/4: the Spider light strike vehicle in the catalog, a
    # digest's item is the credited site's voice, an excerpt page's "Continue reading on" or "Source:" line
    # credits the paper, a ministry named in French is its government, "armoured troop-transport vehicles"
    # and "jet training aircraft" are items, a national detachment of a mission serves where the mission
    # does, "this morning" is the day of publication, and why a source is unnamed denies nothing; the clash
    # whose denial is of civilian dead still splits, and a distractor naming the deal as background joins)
    "fusion_dev21": {
        "stories_fused": 8 / 8,  # stop 50
        "origins_exact": 8 / 8,  # stop 50
        "contested_right": 7 / 8,
        "distractors_out": 3 / 4,
    },
    # a twenty-second set (stop 48; an agency's photo-caption entry, a regional broadcaster's page, an
    # AI-summary page, a ministry's Facebook post, a wire's WRAPUP, an e-paper page, a maker's annual report
    # and an embassy's quote-post): 5/8 fused, 3/8 origins exact, 6/8 contested right and 1/4 distractors kept
    # out on arrival; 5/8, 4/8, 7/8 and 0/4 after stop 48 (a state agency's clash with an unnamed "extremist
    # group" and the others' clash with Fano are two cases; every distractor names the story's deal as
    # background, "three months after the air force received two light combat aircraft", and joins its case:
    # reading such a clause as no event lost events the corpus gold requires, so it was not kept)
    # Stop 49: 6/8 fused and 8/8 contested right (the state agency's clash with an "extremist group" and the
    # other reports' clash with Fano are one contested case)
    "fusion_dev22": {
        "stories_fused": 6 / 8,
        "origins_exact": 4 / 8,
        "contested_right": 8 / 8,
        "distractors_out": 0 / 4,
    },
    # a twenty-third set (stop 49; a broadcaster's transcript beside its web story, a gazette notice beside a
    # ministry's release, a press-release wire's copy of a maker's release, an aggregator's snippet page, a
    # paper's live-blog entry, a state agency's English version of its Arabic story, a think tank's newsletter
    # item and an agency's URGENT alert): 4/8 fused, 3/8 origins exact, 7/8 contested right and 3/4
    # distractors kept out on arrival; 5/8, 3/8, 7/8 and 3/4 after stop 49 (the army's clash with "suspected
    # jihadists" and the group's claim are one case)
    "fusion_dev23": {
        "stories_fused": 5 / 8,
        "origins_exact": 3 / 8,
        "contested_right": 7 / 8,
        "distractors_out": 3 / 4,
    },
    # a twenty-fourth set (stop 50; an agency's foreign-language service version of its own story, a regional
    # paper's syndicated copy under another headline, a podcast's show notes, a newsroom's push alert, a
    # newsletter's top-stories item, a Telegram channel's forward of a state agency, a ministry's YouTube
    # description and a wire's TIMELINE): 5/8 fused, 2/8 origins exact, 7/8 contested right and 1/4
    # distractors kept out on arrival, and the same after stop 50 (three distractors name the story's event as
    # background and join its case, as in fusion_dev22)
    "fusion_dev24": {
        "stories_fused": 5 / 8,
        "origins_exact": 2 / 8,
        "contested_right": 7 / 8,
        "distractors_out": 1 / 4,
    },
    # a twenty-fifth set (stop 51; a maker's earnings-call transcript beside its release, a broadcaster's
    # teletext page, a paywalled teaser, a radio bulletin script, a translated press review item, a
    # parliamentary question quoting a paper's story, an embassy's newsletter item and a wire's EXCLUSIVE with
    # its own follow-up): 6/8 fused, 1/8 origins exact, 6/8 contested right and 3/4 distractors kept out on
    # arrival; 7/8 contested right after stop 51 (a memorandum's promise that "there will be no place for them
    # to hide" no longer reads as its denial)
    "fusion_dev25": {
        "stories_fused": 6 / 8,
        "origins_exact": 1 / 8,
        "contested_right": 7 / 8,
        "distractors_out": 3 / 4,
    },
    # a twenty-sixth set (stop 52; a wire's story beside its own CORRECTED re-issue, a ministry's licence
    # notice beside its spokesperson's briefing, a fact-check retelling one paper's story, an encyclopedia
    # revision note citing one paper, a gazette decree beside the ministry's release, a broadcaster's subtitle
    # file, a trade-show daily's preview of a maker's release and a reporter's thread on her outlet's story):
    # 6/8 fused, 5/8 origins exact, 8/8 contested right and 1/4 distractors kept out on arrival and after
    # stop 52; 7/8 fused after stop 53 (the pact a paper dates by "the agreement the two countries signed in
    # Abuja on Tuesday" joins its case, and the fact-check's "Verdict:" line no longer speaks)
    "fusion_dev26": {
        "stories_fused": 7 / 8,
        "origins_exact": 5 / 8,
        "contested_right": 1.0,
        "distractors_out": 1 / 4,
    },
    # a twenty-seventh set (stop 53; a court ruling beside a story retelling it, a wire's UPDATE 1 and UPDATE
    # 2, a press agency's caption page beside its story, an article on a ministry's post beside its release,
    # an op-ed relying on one think tank's report beside its summary page, a newsletter digest reprinting a
    # wire's item, an RSS item beside its story and an interview transcript beside the news story drawn from
    # it): 5/8 fused, 2/8 origins exact, 7/8 contested right and 2/4 distractors kept out on arrival and
    # after stop 53
    "fusion_dev27": {
        "stories_fused": 5 / 8,
        "origins_exact": 2 / 8,
        "contested_right": 7 / 8,
        "distractors_out": 2 / 4,
    },
    # stop 43: 9/9 fused and 6/9 origins exact (8/9 and 5/9 before); the same at stop 44; stop 45: 7/9
    # origins; stop 51: 8/9 origins
    "fusion_fresh": {
        "stories_fused": 9 / 9,
        "origins_exact": 8 / 9,
        "contested_right": 1.0,
        "distractors_out": 1.0,
    },
}


@pytest.mark.parametrize("name", list(FUSION_FLOORS))
def test_fusion_quality(name: str, pipeline: Pipeline, tmp_path: Path) -> None:
    scores = evaluate_fusion(ROOT / "tests" / name, f"sqlite:///{tmp_path / 'fusion.db'}", pipeline)
    assert scores["stories"] >= 8 and scores["distractors"] >= 3
    check(scores, FUSION_FLOORS[name])


def test_behavioural_suite(pipeline: Pipeline) -> None:
    scores, outcomes = run_behaviour(SUITE, pipeline)
    assert len(outcomes) >= 2000
    assert set(scores) == set(BEHAVIOUR_FLOORS), "every capability has a floor"
    low = {n: round(s.rate, 3) for n, s in scores.items() if s.rate < BEHAVIOUR_FLOORS[n] - 1e-9}
    assert not low, f"capabilities below their floor: {low}"
    overall = sum(s.passed for s in scores.values()) / sum(s.cases for s in scores.values())
    assert overall >= BEHAVIOUR_OVERALL, overall


# The event confidence's expected calibration error on the held-out split (never fitted by
# bench/calibrate.py), pinned a little above the measured 0.108: lower it as the calibration improves.
FRESH_ECE_CEILING = 0.13


def test_confidence_calibration_on_fresh(pipeline: Pipeline) -> None:
    records = list(pipeline.extract(corpus_documents(FRESH_CORPUS)))
    pairs = labelled_confidences(records, FRESH_CORPUS)
    assert len(pairs) >= 100
    _, ece = reliability(pairs)
    assert ece <= FRESH_ECE_CEILING, f"ECE {ece:.3f} on tests/fresh is above {FRESH_ECE_CEILING}"


def perturbed(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records with sides swapped and details dropped, to score wrong answers too."""
    out = json.loads(json.dumps(records))
    for record in out:
        for i, event in enumerate(record["events"]):
            roles = event["roles"]
            if i % 2 and "supplier" in roles and "recipient" in roles:
                roles["supplier"], roles["recipient"] = roles["recipient"], roles["supplier"]
            if i % 3 == 0:
                roles.pop("quantity", None)
                event["attributions"] = [{"source": None, "stance": "asserted"}]
    return out


@pytest.mark.parametrize("name", ["shared dev", "shared real", "own"])
def test_vendored_scorer_scores_as_the_shared_one(
    name: str, scored: dict[str, tuple[dict[str, Any], list[dict[str, Any]]]], tmp_path: Path
) -> None:
    shared_or_fail(CORPORA[name])
    shared_or_fail(SHARED / "tools" / "score.py")
    _, records = scored[name]
    for variant in (records, perturbed(records), []):
        pred = tmp_path / "pred.jsonl"
        pred.write_text("".join(json.dumps(r) + "\n" for r in variant), encoding="utf-8")
        result = subprocess.run(
            [sys.executable, str(SHARED / "tools" / "score.py"), str(pred), str(CORPORA[name]), "--json"],
            capture_output=True,
            text=True,
            check=True,
        )
        theirs = json.loads(result.stdout)
        ours, _ = score_records(variant, CORPORA[name])
        assert ours == theirs
