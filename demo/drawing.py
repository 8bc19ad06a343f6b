"""The demo illustrations and PDF documents, drawn locally with Pillow and reportlab (no downloads)."""

import functools
import io
import random

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1600, 1000


def _hex_to_rgb(value):
    value = value.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


@functools.cache  # the same key always draws the same picture; tests load the demo many times
def draw_illustration(key: str, palette: tuple[str, str]) -> bytes:
    """A calm abstract picture: a gradient with soft circles and a 'board' with sticky notes, seeded by key."""
    rng = random.Random(key)  # noqa: S311 - decorative randomness only
    start, end = (_hex_to_rgb(c) for c in palette)
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    for y in range(HEIGHT):
        t = y / HEIGHT
        draw.line([(0, y), (WIDTH, y)], fill=tuple(round(s + (e - s) * t) for s, e in zip(start, end, strict=True)))

    overlay = Image.new("RGBA", (WIDTH, HEIGHT), (0, 0, 0, 0))
    shapes = ImageDraw.Draw(overlay)
    for _ in range(9):
        radius = rng.randint(80, 320)
        x, y = rng.randint(0, WIDTH), rng.randint(0, HEIGHT)
        shapes.ellipse([x - radius, y - radius, x + radius, y + radius], fill=(255, 255, 255, rng.randint(18, 50)))
    overlay = overlay.filter(ImageFilter.GaussianBlur(6))
    image = Image.alpha_composite(image.convert("RGBA"), overlay)

    board = ImageDraw.Draw(image)
    left, top = rng.randint(320, 520), rng.randint(220, 320)
    board.rounded_rectangle([left, top, left + 760, top + 480], radius=24, fill=(250, 250, 247, 235))
    note_colours = [(255, 214, 102), (152, 216, 200), (247, 157, 132), (170, 196, 255)]
    for column in range(4):
        for row in range(3):
            if rng.random() < 0.8:
                nx = left + 40 + column * 180 + rng.randint(-6, 6)
                ny = top + 40 + row * 140 + rng.randint(-6, 6)
                board.rectangle([nx, ny, nx + 120, ny + 100], fill=note_colours[(column + row) % 4])
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def draw_document_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF for the ANBI documents, so the demo links open something real."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(title)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(72, 770, title)
    pdf.setFont("Helvetica", 11)
    y = 740
    for line in lines:
        pdf.drawString(72, y, line)
        y -= 16
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
