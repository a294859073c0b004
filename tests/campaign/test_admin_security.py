"""Staff accounts: strong passwords and login lockout; uploads: size, pixels, no SVG;
documents only through Wagtail's view; request bodies bounded."""

import io

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form

PASSWORD = "river-lantern-quiet-42"


@pytest.mark.parametrize(
    "password",
    ["short", "elevenchars", "password1234", "123456789012345", "sam.rivers.example"],
)
def test_weak_staff_passwords_are_refused(django_user_model, password):
    user = django_user_model(username="sam", email="sam.rivers@example.org", first_name="Sam")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_long_unusual_password_is_accepted(django_user_model):
    validate_password(PASSWORD, django_user_model(username="sam"))


@pytest.fixture
def lockout(settings, django_user_model):
    settings.AXES_ENABLED = True
    django_user_model.objects.create_superuser("admin", "admin@example.org", PASSWORD)


def log_in(client, password, address="203.0.113.5", **headers):
    return client.post(
        "/admin/login/",
        {"username": "admin", "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def test_admin_login_locks_an_address_out_after_repeated_failures(client, lockout):
    # The form with an error until the limit; the attempt that reaches it is refused.
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "wrong-guess").status_code == 200
    assert log_in(client, "wrong-guess").status_code == 429

    locked = log_in(client, PASSWORD)

    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_forged_forwarded_for_header_does_not_escape_the_lockout(client, lockout):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong-guess", HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}")
    assert log_in(client, PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.99").status_code == 429


def test_the_lockout_is_per_address_so_a_stranger_cannot_lock_an_editor_out(client, lockout):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong-guess", address="203.0.113.66")

    response = log_in(client, PASSWORD, address="192.0.2.10")

    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def png(size):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (90, 140, 120)).save(buffer, "PNG")
    return SimpleUploadedFile("picture.png", buffer.getvalue(), content_type="image/png")


def image_form(upload):
    form_class = get_image_form(get_image_model())
    return form_class(data={"title": "Upload", "description": "An upload"}, files={"file": upload})


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_svg_images_are_refused(db, media):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    form = image_form(SimpleUploadedFile("logo.svg", svg, content_type="image/svg+xml"))
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert not form.is_valid()
    assert "file" in form.errors


def test_an_ordinary_image_is_accepted(db, media):
    assert image_form(png((800, 600))).is_valid()


def test_images_over_the_size_limit_are_refused(db, media, settings):
    upload = png((800, 600))
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = upload.size - 1
    form = image_form(upload)
    assert not form.is_valid()
    assert "file" in form.errors


def test_images_over_the_pixel_limit_are_refused(db, media, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 800 * 600 - 1
    form = image_form(png((800, 600)))
    assert not form.is_valid()
    assert "file" in form.errors


def test_the_configured_limits_are_sane():
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE <= 20 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS <= 50_000_000
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 10 * 1024 * 1024


def test_documents_are_served_through_wagtails_view(client, db, media):
    document = Document.objects.create(
        title="Leaflet", file=SimpleUploadedFile("leaflet.txt", b"Hello, reader.")
    )

    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert document.url.startswith("/documents/")
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Hello, reader."
    assert "attachment" in response["Content-Disposition"]


def test_an_oversized_request_body_is_refused_not_a_crash(client, db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = client.post("/my-bookings/", {"email": "a@example.org", "padding": "x" * 4096})
    assert response.status_code == 400
