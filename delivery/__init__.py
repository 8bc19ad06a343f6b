"""How pages get to visitors fast: the whole-page cache, CSRF tokens in cached pages, the CDN and image renditions.

No models of its own: the content lives in `pages` and `campaigns`; this app only keeps, purges and prepares what
visitors are served (docs/deploy.md, "Performance" in the README).
"""
