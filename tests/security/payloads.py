"""Generated payloads the corpus names with `{payload: <name>}`: files and texts that
are awkward to write in YAML (binary, huge, deeply nested). Each is small on the wire."""

import io
import struct
import zipfile
import zlib

from tests.security.world import png


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims `width` x `height` grey pixels, with almost no data:
    what a decompression bomb looks like before anyone decodes it."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
    )


def jpeg_header(width: int, height: int) -> bytes:
    """A baseline JPEG start (SOI, JFIF, SOF0) claiming `width` x `height`, then nothing."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof0 = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof0 + b"\xff\xd9"


def webp_header(width: int, height: int) -> bytes:
    """An extended WebP (VP8X) whose canvas claims `width` x `height`."""
    vp8x = (
        b"\x00\x00\x00\x00" + (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    )
    body = b"WEBP" + b"VP8X" + struct.pack("<I", len(vp8x)) + vp8x
    return b"RIFF" + struct.pack("<I", len(body)) + body


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"

PAYLOADS = {
    "png": png,
    "empty": lambda: b"",
    "html": lambda: HTML,
    "svg": lambda: (
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
    ),
    "exe": lambda: b"MZ\x90\x00" + b"\x00" * 60 + b"PE\x00\x00" + b"\x00" * 200,
    "zip": _zip,
    "php": lambda: b"<?php system($_GET['c']); ?>",
    "gif_js": lambda: b"GIF89a/*\x01\x00\x01\x00\x00\x00\x00;*/=alert(1);//",
    "jpeg_html": lambda: b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + HTML,
    "png_truncated": lambda: png()[:40],
    "png_bomb_14000": lambda: png_header(14000, 14000),
    "png_bomb_65535": lambda: png_header(65535, 65535),
    "png_bomb_strip": lambda: png_header(1, 2_000_000_000),
    "jpeg_bomb": lambda: jpeg_header(65500, 65500),
    "webp_bomb": lambda: webp_header(16384, 16384),
    "eleven_megabytes": lambda: png() + b"\x00" * (11 * 1024 * 1024),
    # A valid wizard scope form, then 5000 more fields.
    "many_fields": lambda: (
        "government=nee&company_is_dutch=ja&bought_directly=ja&told_company_first=ja"
        "&told_company_on=2026-01-02&told_company_how=Telefoon&"
        + "&".join(f"veld{i}=x" for i in range(5000))
    ),
    # Three thousand different addresses, one a line (a company's complaint contacts).
    "many_addresses": lambda: "\n".join(f"a{i}@polderpost.example" for i in range(3000)),
    # Import lines that the YAML cannot hold (or should not, for their size).
    "deep_json": lambda: "[" * 100_000 + "]" * 100_000,
    "huge_integer": lambda: '{"external_id": "x", "rating": {"grade": 1' + "0" * 5000 + "}}",
    "long_line": lambda: '{"external_id": "' + "x" * (2 * 1024 * 1024) + '"}',
    "invalid_utf8": lambda: b'{"external_id": "\xff\xfe", "title": "\xc3\x28"}',
}


def payload(name: str):
    return PAYLOADS[name]()
