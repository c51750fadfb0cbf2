from rest_framework import serializers


class SectorSerializer(serializers.Field):
    """A company's sector in the pages API: its slug and name, nothing more."""

    def to_representation(self, value):
        return {"slug": value.slug, "name": value.name}
