from django.db import models
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """The last time a periodic job ran, written by the worker that ran it.

    One row per job name. /healthz reads these to tell a load balancer whether Celery beat
    and the workers are alive; nothing else depends on them.
    """

    name = models.SlugField(max_length=64, unique=True)
    last_seen = models.DateTimeField()
    runs = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("heartbeat")

    def __str__(self):
        return f"{self.name} at {self.last_seen:%Y-%m-%d %H:%M:%S}"
