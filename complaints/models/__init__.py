"""The complaint models, by concern; everything is importable from here."""

from complaints.models.complaint import MODERATION_WORKFLOW, ComplaintEvent, ComplaintPage
from complaints.models.conversation import MAX_REACTION_LENGTH, Rating, Reaction, ReactionReport
from complaints.models.offers import MAX_OFFER_AMOUNT, SettlementOffer
from complaints.models.outbox import OutboxMessage
from complaints.models.private import (
    Attachment,
    ComplaintPrivateDetails,
    ContactLogEntry,
    attachment_name,
)
from complaints.models.topics import Topic

__all__ = [
    "MAX_OFFER_AMOUNT",
    "MAX_REACTION_LENGTH",
    "MODERATION_WORKFLOW",
    "OutboxMessage",
    "Rating",
    "Reaction",
    "ReactionReport",
    "SettlementOffer",
    "Attachment",
    "ComplaintEvent",
    "ComplaintPage",
    "ComplaintPrivateDetails",
    "ContactLogEntry",
    "Topic",
    "attachment_name",
]
