"""A campaign's progress (raised, goal, donors) as pages show it, live in cached pages.

Pages write it with `{% campaign_progress campaign %}`: the fragment marked as live (`delivery.live_fragments`), so
each page-cache hit fills in the figures of that moment from the cache (`totals.figures_for`), and a paid gift never
empties the page cache. The argument names the campaign's translation key and goal, which only change when the page
is published (and publishing purges the cache anyway).
"""

from functools import lru_cache

from django.template.loader import render_to_string
from django.utils import translation

from delivery import live_fragments

from .totals import CampaignTotals, figures_for, totals_for

KIND = "campaign-progress"


def marked_progress(campaign):
    """The progress fragment of `campaign` as of now, marked to be filled in afresh when served from the cache."""
    totals = totals_for(campaign)
    argument = f"{campaign.translation_key}:{campaign.goal_cents}"
    return live_fragments.mark(KIND, argument, _render(translation.get_language(), totals))


def fill_progress(arguments, language):
    """The live-fragment provider: each `translation key:goal` → its fragment with the figures of now."""
    goals = {}
    for argument in arguments:
        key, _, goal = argument.partition(":")
        if goal.isdigit():
            goals[argument] = (key, int(goal))
    figures = figures_for({key for key, _ in goals.values()})
    return {
        argument: _render(language, CampaignTotals(*figures[key], goal_cents=goal))
        for argument, (key, goal) in goals.items()
    }


@lru_cache(maxsize=1024)
def _render(language, totals):
    # A few hundred distinct figures a day: each rendered once per worker, then a lookup.
    with translation.override(language):
        return render_to_string("includes/campaign_progress.html", {"totals": totals})
