from django.urls import path

from events.views import admin_mail

app_name = "events_admin"

urlpatterns = [
    path("failed-mail/", admin_mail.failed_mail, name="failed_mail"),
    path("failed-mail/<int:pk>/retry/", admin_mail.retry_mail, name="retry_mail"),
    path("failed-mail/<int:pk>/cancel/", admin_mail.cancel_mail, name="cancel_mail"),
]
