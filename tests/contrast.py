"""WCAG 2.x contrast ratio between two colours, for tests of the site's colours."""

import re


def parse_colour(value: str) -> tuple[float, float, float, float]:
    """'#1d2330', '#fff', 'rgb(29, 35, 48)' or 'rgba(0, 0, 0, 0)' → (r, g, b, alpha)."""
    value = value.strip().lower()
    if value.startswith("#"):
        digits = value[1:]
        if len(digits) == 3:
            digits = "".join(c * 2 for c in digits)
        return (*(int(digits[i : i + 2], 16) for i in (0, 2, 4)), 1.0)
    match = re.fullmatch(r"rgba?\(([^)]*)\)", value)
    if not match:
        raise ValueError(f"not a colour: {value!r}")
    parts = [p.strip() for p in re.split(r"[,\s/]+", match.group(1)) if p.strip()]
    r, g, b = (float(p) for p in parts[:3])
    alpha = float(parts[3]) if len(parts) > 3 else 1.0
    return r, g, b, alpha


def _luminance(colour) -> float:
    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """The ratio (1 to 21) of two opaque colours."""
    lighter, darker = sorted(
        (_luminance(parse_colour(first)), _luminance(parse_colour(second))), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)
