"""The only writer of plan files, in three rooms:

- blocks.py: text operations on a plan in its own style (values as TOML, a field set in
  one action's block, a new block spliced in), with no I/O;
- write.py: the safe write (lock, atomic replace, verify against the intended data);
- requests.py: what each command asked for, checked, as an editor over blocks.py, and
  the run that writes it through write.py and commits it.
"""
