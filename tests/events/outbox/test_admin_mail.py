import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from events.models import OutboxMessage

pytestmark = pytest.mark.django_db
Status = OutboxMessage.Status


@pytest.fixture
def failed_row():
    return OutboxMessage.objects.create(
        recipient="sam@example.org",
        purpose="booking_pending",
        target_key="booking:1",
        due_at=timezone.now(),
        status=Status.FAILED,
        attempts=8,
        last_error="SMTPRecipientsRefused: 550 no such user",
    )


def admin_user(django_user_model, *permissions):
    user = django_user_model.objects.create_user("editor", password="pw-for-tests-1")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in permissions:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


def test_failed_mail_is_listed_with_retry_and_cancel(client, admin_user_fixture, failed_row):
    client.force_login(admin_user_fixture)

    response = client.get("/admin/tapestry/failed-mail/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "sam@example.org" in html and "550 no such user" in html
    client.post(f"/admin/tapestry/failed-mail/{failed_row.pk}/retry/")
    assert OutboxMessage.objects.get().status == Status.SCHEDULED


@pytest.fixture
def admin_user_fixture(django_user_model):
    return admin_user(django_user_model, "view_outboxmessage", "change_outboxmessage")


def test_editors_without_the_permission_see_no_recipients(client, django_user_model, failed_row):
    client.force_login(admin_user(django_user_model))

    # Wagtail answers a permission refusal with a redirect to the dashboard and a message.
    listing = client.get("/admin/tapestry/failed-mail/")
    assert (listing.status_code, listing["Location"]) == (302, "/admin/")
    client.post(f"/admin/tapestry/failed-mail/{failed_row.pk}/cancel/")
    assert OutboxMessage.objects.get().status == Status.FAILED
    assert "sam@example.org" not in client.get("/admin/").content.decode()


def test_viewers_cannot_change(client, django_user_model, failed_row):
    client.force_login(admin_user(django_user_model, "view_outboxmessage"))

    assert client.get("/admin/tapestry/failed-mail/").status_code == 200
    assert client.post(f"/admin/tapestry/failed-mail/{failed_row.pk}/retry/").status_code == 302
    assert OutboxMessage.objects.get().status == Status.FAILED


def test_dashboard_shows_mail_health(client, admin_user_fixture, failed_row):
    client.force_login(admin_user_fixture)

    html = client.get("/admin/").content.decode()

    assert "The mail sweep has not run yet" in html
    assert "1 failed mail" in html


def test_group_permission_is_enough(client, django_user_model, failed_row):
    user = admin_user(django_user_model)
    group = Group.objects.create(name="Mail desk")
    group.permissions.add(Permission.objects.get(codename="view_outboxmessage"))
    user.groups.add(group)
    client.force_login(user)

    assert client.get("/admin/tapestry/failed-mail/").status_code == 200
