"""WCAG contrast ratio of two colours.

Written here rather than taken from a package: it is the ten-line formula from
WCAG 2.2 (relative luminance, then (L1 + 0.05) / (L2 + 0.05)), and the packages
that offer it are unmaintained.
"""

from __future__ import annotations


def relative_luminance(color: str) -> float:
    """Relative luminance of a ``#rrggbb`` colour, 0 (black) to 1 (white)."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """Contrast ratio of two ``#rrggbb`` colours, from 1 (none) to 21 (black on white)."""
    darker, lighter = sorted((relative_luminance(first), relative_luminance(second)))
    return (lighter + 0.05) / (darker + 0.05)
