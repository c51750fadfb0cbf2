"""Complaint pages in the Wagtail admin.

Complaints are written by consumers on the site, not by staff in the admin. A moderator
reaches a complaint through the moderation workflow (the task grants the editor view
while it runs) and may take a published one offline (abusive content, DESIGN.md); only
superusers edit, publish or delete one directly.
"""

from wagtail.models import PagePermissionTester

from complaints.permissions import is_moderator


class ComplaintPagePermissionTester(PagePermissionTester):
    def can_edit(self):
        if not self.user.is_active:
            return False
        if self.user.is_superuser:
            return True
        task = self.page.current_workflow_task
        return bool(task and task.user_can_access_editor(self.page, self.user))

    def can_publish(self):
        # Publishing is part of the life cycle: a complaint goes online through the
        # moderation workflow (complaints.workflows); afterwards a superuser may publish
        # a correction of a complaint that is public already.
        return self.user.is_active and self.user.is_superuser and self.page.is_public

    def can_unpublish(self):
        # Taking a complaint down; putting it back (publish) stays with superusers.
        return self.user.is_active and (self.user.is_superuser or is_moderator(self.user))

    def can_delete(self, ignore_bulk=False):
        return self.user.is_active and self.user.is_superuser

    def can_add_subpage(self):
        return False

    def can_copy(self):
        return False

    def can_move(self):
        # A complaint belongs to one company: its URL (.../klachten/<slug>/) and its
        # company field follow from that, so it never moves, not even for a superuser.
        return False

    def can_move_to(self, destination):
        return False

    def can_lock(self):
        return self.user.is_active and self.user.is_superuser
