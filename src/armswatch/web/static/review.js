/* The review queue's keyboard shortcuts: j / k next and previous event, c confirm, r reject (the reason
   select gets focus; Enter rejects), e edit, ? help, Esc closes. The forms are plain HTML and work without
   this script; after each action the server sends the page back with the next event focused (?at=N). */
(function () {
  "use strict";

  var items = [];
  var current = -1;

  function typing(target) {
    if (!target || !target.tagName) { return false; }
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "select" || tag === "textarea" || target.isContentEditable;
  }

  function select(index, focus) {
    if (!items.length) { return; }
    index = Math.max(0, Math.min(items.length - 1, index));
    if (current >= 0 && items[current]) { items[current].classList.remove("current"); }
    current = index;
    var item = items[current];
    item.classList.add("current");
    if (focus) {
      item.focus({ preventScroll: true });
      item.scrollIntoView({ block: "nearest" });
    }
  }

  function closeForms(item) {
    item.querySelectorAll("details[open]").forEach(function (d) { d.open = false; });
  }

  function open(kind) {
    var item = items[current];
    if (!item) { return; }
    var details = item.querySelector("details.review-" + kind);
    if (!details) { return; }
    closeForms(item);
    details.open = true;
    var first = details.querySelector("select, input:not([type=hidden])");
    if (first) { first.focus(); }
  }

  function submit(form) {
    if (!form || form.dataset.sent) { return; }
    form.dataset.sent = "yes"; // a second key press never posts twice
    form.requestSubmit();
  }

  function toggleHelp(show) {
    var help = document.getElementById("shortcut-help");
    var button = document.querySelector("[data-queue=help]");
    if (!help) { return; }
    var visible = show === undefined ? help.hidden : show;
    help.hidden = !visible;
    if (button) { button.setAttribute("aria-expanded", visible ? "true" : "false"); }
    if (visible) {
      help.querySelector("button").focus();
    } else if (items[current]) {
      items[current].focus({ preventScroll: true });
    }
  }

  var actions = {
    j: function () { select(current + 1, true); },
    k: function () { select(current - 1, true); },
    c: function () { if (items[current]) { submit(items[current].querySelector("form.review-confirm")); } },
    r: function () { open("reject"); },
    e: function () { open("edit"); },
    "?": function () { toggleHelp(); },
  };

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    if (event.key === "Escape") {
      var help = document.getElementById("shortcut-help");
      if (help && !help.hidden) { toggleHelp(false); return; }
      var item = items[current];
      if (item && item.querySelector("details[open]")) {
        closeForms(item);
        item.focus({ preventScroll: true });
      }
      return;
    }
    // In the reject form, Enter on the reason select rejects (a select does not submit on Enter by itself).
    if (event.key === "Enter" && event.target.matches && event.target.matches("select.review-reason")) {
      event.preventDefault();
      submit(event.target.form);
      return;
    }
    if (typing(event.target)) { return; }
    var action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var queue = document.getElementById("queue");
    var toolbar = document.getElementById("queue-toolbar");
    if (toolbar) { toolbar.hidden = false; }
    document.querySelectorAll("[data-queue]").forEach(function (button) {
      button.addEventListener("click", function () {
        var what = button.getAttribute("data-queue");
        if (what === "next") { select(current + 1, true); }
        else if (what === "previous") { select(current - 1, true); }
        else if (what === "help") { toggleHelp(); }
        else if (what === "help-close") { toggleHelp(false); }
      });
    });
    document.addEventListener("keydown", onKey);
    if (queue) {
      items = Array.prototype.slice.call(queue.querySelectorAll(".queue-item"));
      items.forEach(function (item, index) {
        // a click or Tab into an event makes it the current one
        item.addEventListener("focusin", function () { if (current !== index) { select(index, false); } });
      });
      select(parseInt(queue.getAttribute("data-focus") || "0", 10) || 0, true);
    }
    document.body.setAttribute("data-queue-ready", "true"); // the shortcuts listen from here on
  });
})();
