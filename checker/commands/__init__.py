"""The commands, one module each: its own arguments (``add_parser``) and what it does (``run``,
returning the exit code or raising ``checker.errors.FazhiError``). ``common`` holds what several
share, ``sinks`` where output goes, ``options`` the command line's vocabulary; ``checker.cli`` only
assembles them."""

#: command name -> module under checker.commands, in the order ``fazhi --help`` lists them
COMMANDS = {
    "check": "check",
    "score": "score",
    "extract": "extract",
    "template": "template",
    "init": "init",
    "schema": "schema",
    "validate": "validate",
    "rules": "rules",
    "serve": "serve",
}
