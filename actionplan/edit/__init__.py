"""The only writer of plan files, in four rooms:

- blocks.py: text operations on a plan in its own style (values as TOML, fields set or
  taken out in one action's block, evidence cut out, whole blocks cut and spliced in),
  with no I/O;
- write.py: the safe write (locks, atomic replace, verify against the intended data), of
  one file or several at once;
- requests.py: what each command asked for (update, add, move), checked, as an editor
  over blocks.py;
- run.py: the run that reads the plans, writes an editor's result through write.py,
  checks it against every plan, and commits it; and each edit command's run, from its
  checked request to what it did (update, add, record, move).
"""
