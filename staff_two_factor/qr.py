"""The set-up QR code as inline SVG, drawn on the server: no image service sees the secret."""

import segno


def qr_svg(config_url):
    return segno.make(config_url, error="m").svg_inline(scale=5, border=2, title="QR-code voor je authenticator-app")
