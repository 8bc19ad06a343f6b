"""Bar charts as inline SVG, drawn on the server: no chart library, no script, no external service.

Coordinates are plain strings with a decimal point: the admin renders templates in Dutch, where a localized float
would read "555,5", which SVG rejects.
"""

from dataclasses import dataclass

WIDTH, HEIGHT, GAP = 600, 160, 6


def svg_number(value):
    """A coordinate as SVG wants it: at most one decimal, a point, no thousands separator."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


@dataclass(frozen=True)
class Bar:
    x: str
    y: str
    width: str
    height: str
    period: object  # what the bar stands for (a figures.Period)


def highest_cents(periods):
    """The top of the scale: the largest amount of any period, 0 when there are none."""
    return max((period.cents for period in periods), default=0)


def bars(periods):
    highest = highest_cents(periods) or 1
    bar_width = (WIDTH - GAP * (len(periods) - 1)) / max(len(periods), 1)
    drawn = []
    for index, period in enumerate(periods):
        height = HEIGHT * period.cents / highest
        drawn.append(
            Bar(
                x=svg_number(index * (bar_width + GAP)),
                y=svg_number(HEIGHT - height),
                width=svg_number(bar_width),
                height=svg_number(height),
                period=period,
            )
        )
    return drawn
