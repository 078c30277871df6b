"""Page types of the public site, one module per page family."""

from .actors import ActorDirectoryPage
from .cooperation import CooperationGuidePage
from .events import EventIndexPage, EventKind, EventPage
from .home import NetworkHomePage
from .investin import InquiryStatus, InvestInInquiry, InvestInPage
from .stories import StoryIndexPage, StoryPage, StoryPageTag
from .strategies import StrategyPage
from .towns import TownFeaturedActor, TownPage

__all__ = [
    "ActorDirectoryPage",
    "CooperationGuidePage",
    "EventIndexPage",
    "EventKind",
    "EventPage",
    "InquiryStatus",
    "InvestInInquiry",
    "InvestInPage",
    "NetworkHomePage",
    "StoryIndexPage",
    "StoryPage",
    "StoryPageTag",
    "StrategyPage",
    "TownFeaturedActor",
    "TownPage",
]
