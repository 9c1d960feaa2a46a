"""The names of the environment variables of recoverylog's own, in a module that loads
nothing: environment.py reads them for every command, and the console script's first
module (cli/quick.py) reads a few itself before anything else loads."""

HOME_ENV = "RECOVERYLOG_HOME"
NOW_ENV = "RECOVERYLOG_NOW"  # freeze the clock (tests, demos, benchmarks)
TIMEZONE_ENV = "RECOVERYLOG_TIMEZONE"
PASSPHRASE_ENV = "RECOVERYLOG_PASSPHRASE"
NEW_PASSPHRASE_ENV = "RECOVERYLOG_NEW_PASSPHRASE"  # for 'passphrase change' in scripts
COUNTRY_ENV = "RECOVERYLOG_COUNTRY"
DEBUG_ENV = "RECOVERYLOG_DEBUG"
LOCK_WAIT_ENV = "RECOVERYLOG_LOCK_WAIT"  # seconds a write waits for another command
ACCESSIBLE_ENV = "RECOVERYLOG_ACCESSIBLE"  # 1: screen-reader mode, 0: not (over the setting)
