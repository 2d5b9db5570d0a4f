"""Dataview and Bases queries, run at build time over the published notes.

`properties` builds the index of every published note's fields, `expressions` parses and
`evaluate` evaluates the one expression language both front ends share, `dql` and `bases`
recognise and run their queries into `Result`s, and `render` writes those as Markdown.
"""
