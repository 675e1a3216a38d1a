"""Reading inputs, in layers (each imports only those below it):

- ``dispatch``: ``read_input``, the only place that knows suffixes, above the readers;
- ``discover``: the files of a run (paths named, ``--paths-from``, folders walked);
- ``structured``: YAML and JSON submissions; ``checker.extract``: prose reports;
- ``values``: one written value (300余, 百分之九十八, 2025年3月20日) to a number, date or yes/no;
- ``decode``: bytes to text;
- ``model``: ``Submission``, ``Value`` and what is derived from them (rates from counts).

The prose extractor imports only the model, the values and decoding.
"""
