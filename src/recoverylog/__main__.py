from recoverylog.cli.main import run

run()
