from rest_framework import serializers


class CompanyRefSerializer(serializers.Field):
    def to_representation(self, value):
        return {"slug": value.slug, "name": value.title}


class TopicRefSerializer(serializers.Field):
    def to_representation(self, value):
        return {"slug": value.slug, "name": value.name} if value else None
