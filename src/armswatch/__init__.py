"""armswatch: a sourced register of arms transfers and military cooperation, read from the news."""

__version__ = "0.1.0"
