"""recoverylog: a private, local-first recovery journal and milestone tracker."""

__version__ = "0.1.0"
