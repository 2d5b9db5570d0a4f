"""Excalidraw drawings: which notes are drawings, and the scene a drawing note holds.

The Obsidian Excalidraw plugin saves a drawing as a note (`x.excalidraw.md`, front matter
`excalidraw-plugin:`) whose body is a banner, the text of its elements and, in a `%%` comment,
the scene: a ```` ```json ```` fence, or a ```` ```compressed-json ```` fence holding the JSON
compressed with LZ-string (`compressToBase64`). Nothing of that body is meant to be read.
"""

from __future__ import annotations

import json
import re

from .vault import Note

# An Obsidian scene fence, e.g. ```compressed-json … ```
SCENE_FENCE = re.compile(r"^```(compressed-json|json)[ \t]*\n(.*?)\n```[ \t]*$", re.M | re.S)
# `## Embedded Files`: `<file id>: [[image.png]]`, the images a drawing places.
EMBEDDED_FILE = re.compile(r"^([0-9A-Za-z_-]+): \[\[([^\]\n|]+)(?:\|[^\]\n]*)?\]\]\s*$", re.M)
BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="
BASE64_BITS = {char: format(i, "06b") for i, char in enumerate(BASE64)}
MAX_SCENE_CHARS = 64_000_000  # LZ output grows faster than its input: bounded, so is memory


def is_drawing(note: Note) -> bool:
    """Obsidian opens the note as a drawing when its front matter names the plugin."""
    return "excalidraw-plugin" in note.meta


def is_drawing_name(target: str) -> bool:
    """`x.excalidraw`: the name the plugin gives a drawing (and, plus `.svg`, its export)."""
    return target.lower().endswith(".excalidraw")


def read_scene(note: Note) -> dict | None:
    """The drawing's scene (Excalidraw's JSON), or None when it has none that can be read."""
    match = SCENE_FENCE.search(note.body)
    if match is None:
        return None
    kind, data = match.groups()
    try:
        text = decompress_base64("".join(data.split())) if kind == "compressed-json" else data
        scene = json.loads(text) if text else None
    except (ValueError, RecursionError):
        return None
    return scene if isinstance(scene, dict) else None


def embedded_files(note: Note) -> dict[str, str]:
    """File id -> link target of the images the drawing places (`## Embedded Files`)."""
    return {file_id: target.strip() for file_id, target in EMBEDDED_FILE.findall(note.body)}


class _Bits:
    """LZ-string's bit stream: each base64 character gives 6 bits, highest first, and a value of
    n bits is read lowest bit first. The stream is spelled out once as a string of 0s and 1s,
    so reading a value is one slice (a bit at a time costs 40x as long)."""

    def __init__(self, data: str):
        try:
            self.stream = "".join(BASE64_BITS[char] for char in data)
        except KeyError:
            raise ValueError("compressed drawing holds a character outside base64") from None
        self.position = 0

    @property
    def exhausted(self) -> bool:
        return self.position > len(self.stream)

    def read(self, count: int) -> int:
        chunk = self.stream[self.position : self.position + count]
        self.position += count
        return int(chunk[::-1], 2) if chunk else 0


def decompress_base64(data: str) -> str:
    """LZ-string 1.5's `decompressFromBase64` (the format the plugin writes); ValueError when
    `data` is not such a stream. JavaScript strings are UTF-16: code units are joined first."""
    if not data:
        return ""
    bits = _Bits(data)
    kind = bits.read(2)
    if kind == 2:
        return ""
    if kind not in (0, 1):
        raise ValueError("compressed drawing has no start")
    word = chr(bits.read(8 if kind == 0 else 16))
    dictionary: list[str] = ["", "", "", word]
    result = [word]
    size, enlarge_in, num_bits = 4, 4, 3
    total = 1
    while True:
        if bits.exhausted:
            raise ValueError("compressed drawing ends early")
        code = bits.read(num_bits)
        if code in (0, 1):
            dictionary.append(chr(bits.read(8 if code == 0 else 16)))
            code, size, enlarge_in = size, size + 1, enlarge_in - 1
        elif code == 2:
            utf16 = "".join(result).encode("utf-16-le", "surrogatepass")
            return utf16.decode("utf-16-le", "replace")
        if enlarge_in == 0:
            enlarge_in, num_bits = 1 << num_bits, num_bits + 1
        if code < size:
            entry = dictionary[code]
        elif code == size:
            entry = word + word[0]
        else:
            raise ValueError("compressed drawing refers to an unknown entry")
        total += len(entry)
        if total > MAX_SCENE_CHARS:
            raise ValueError("compressed drawing is too large")
        result.append(entry)
        dictionary.append(word + entry[0])
        size += 1
        enlarge_in -= 1
        word = entry
        if enlarge_in == 0:
            enlarge_in, num_bits = 1 << num_bits, num_bits + 1
