"""The staff groups, by name. Created by a data migration (home/migrations)."""

MODERATORS = "Moderators"
EDITORS = "Editors"
