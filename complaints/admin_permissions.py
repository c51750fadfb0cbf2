"""Complaint pages in the Wagtail admin.

Complaints are written by consumers on the site, not by staff in the admin. A moderator
reaches a complaint through the moderation workflow (the task grants the editor view
while it runs) and may take a published one offline (abusive content, DESIGN.md); only
superusers edit, publish or delete one directly. Nobody adds one in the admin
(ComplaintPage.is_creatable), and editors, whose rights on the company pages pass down
the tree to the complaints beneath them, do not see them at all.
"""

from wagtail.models import PagePermissionTester
from wagtail.permission_policies.pages import PagePermissionPolicy

from complaints.permissions import is_moderator


def _is_complaint(page) -> bool:
    from complaints.models import ComplaintPage

    page_class = page.specific_class if page is not None else None
    return page_class is not None and issubclass(page_class, ComplaintPage)


class SitePagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page rights, less the complaint pages for anyone but a superuser.

    Rights pass down the page tree, and complaints live beneath the company pages that
    editors edit. Every admin listing, search and report asks this policy which pages a
    user may see (the page search, the workflow, aging and locked-pages reports, the
    site history, the dashboard), so leaving complaints out here keeps their titles and
    their consumers' names out of all of them. Moderators have no page rights: they
    reach a complaint through their workflow task (ComplaintPagePermissionTester).
    Registered for Page in ComplaintsConfig.ready().
    """

    def _without_complaints(self, user, pages):
        from complaints.models import ComplaintPage

        return pages if user.is_superuser else pages.not_type(ComplaintPage)

    def instances_user_has_any_permission_for(self, user, actions):
        pages = super().instances_user_has_any_permission_for(user, actions)
        return self._without_complaints(user, pages)

    def explorable_instances(self, user):
        return self._without_complaints(user, super().explorable_instances(user))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if user.is_active and not user.is_superuser and _is_complaint(instance):
            return False
        return super().user_has_any_permission_for_instance(user, actions, instance)


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
