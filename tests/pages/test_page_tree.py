"""The page tree only allows the shapes the site is designed for."""

from campaigns.models import CampaignIndexPage, CampaignPage
from pages.models import HomePage, StandardPage, StoryIndexPage, StoryPage


def test_story_pages_only_live_under_the_story_index(db):
    assert not StoryPage.can_create_at(HomePage())
    assert StoryPage.can_create_at(StoryIndexPage())
    assert StoryPage.allowed_parent_page_models() == [StoryIndexPage]


def test_campaigns_only_live_under_the_campaign_index(db):
    assert CampaignPage.allowed_parent_page_models() == [CampaignIndexPage]
    assert not CampaignPage.can_create_at(HomePage())


def test_home_page_is_single_and_at_the_top(demo_site):
    home = HomePage.objects.get(locale__language_code="nl")
    assert not HomePage.can_create_at(home.get_parent())  # max_count=1 reached
    assert not StandardPage.can_create_at(StoryIndexPage.objects.get(locale__language_code="nl"))
