from rest_framework import serializers


class CompanyRefSerializer(serializers.Field):
    def to_representation(self, value):
        return {"slug": value.slug, "name": value.title}


class TopicRefSerializer(serializers.Field):
    def to_representation(self, value):
        return {"slug": value.slug, "name": value.name} if value else None


class PublicOffersSerializer(serializers.Field):
    """The public facts of a complaint's settlement offers, oldest first: kind, how it
    ended, when; the amount only when the consumer allowed it. Never the company's
    message or the consumer's reason for declining."""

    def to_representation(self, value):
        return [
            {
                "kind": offer.kind,
                "status": offer.status,
                "made_at": offer.created_at.isoformat(),
                "amount": str(offer.public_amount) if offer.public_amount is not None else None,
            }
            for offer in value.order_by("created_at", "pk")
        ]
