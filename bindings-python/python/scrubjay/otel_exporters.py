"""Scrubbing exporters that the OpenTelemetry SDK's configurator can build by name, for setups
driven by environment variables (``opentelemetry-instrument``), where no code of the
application wraps the exporters.

The package declares them as entry points::

    OTEL_TRACES_EXPORTER=scrubjay_otlp   OTEL_LOGS_EXPORTER=scrubjay_otlp    (OTLP over HTTP)
    OTEL_TRACES_EXPORTER=scrubjay_console OTEL_LOGS_EXPORTER=scrubjay_console
    OTEL_METRICS_EXPORTER=scrubjay_otlp   OTEL_METRICS_EXPORTER=scrubjay_console

Each builds the SDK's exporter from the same ``OTEL_EXPORTER_OTLP_*`` variables it reads
itself, and wraps it in :class:`~scrubjay.otel.RedactingSpanExporter`,
:class:`~scrubjay.otel.RedactingLogRecordExporter` or
:class:`~scrubjay.otel_metrics.RedactingMetricExporter`. The policy is the file named by
``SCRUBJAY_POLICY_FILE`` (JSON or YAML), or the default policy when it is unset. A policy
that cannot be read or compiled raises, so the configurator sets up no such exporter and
nothing is exported unscrubbed.

>>> isinstance(ScrubbingConsoleSpanExporter().engine, scrubjay.Engine)
True
"""

from __future__ import annotations

import os
import threading
from typing import Any

import scrubjay

from .otel import RedactingLogRecordExporter, RedactingSpanExporter
from .otel_metrics import RedactingMetricExporter

__all__ = [
    "POLICY_FILE_ENV",
    "ScrubbingConsoleLogExporter",
    "ScrubbingConsoleMetricExporter",
    "ScrubbingConsoleSpanExporter",
    "ScrubbingOTLPLogExporter",
    "ScrubbingOTLPMetricExporter",
    "ScrubbingOTLPSpanExporter",
    "engine_from_env",
]

POLICY_FILE_ENV = "SCRUBJAY_POLICY_FILE"

_LOCK = threading.Lock()
_ENGINES: dict[str, scrubjay.Engine] = {}


def engine_from_env() -> scrubjay.Engine:
    """The engine for the policy file named by ``SCRUBJAY_POLICY_FILE``, compiled once per
    path and shared by the exporters; the default engine when the variable is unset or empty.
    """
    path = os.environ.get(POLICY_FILE_ENV, "")
    if not path:
        return scrubjay.default_engine()
    with _LOCK:
        engine = _ENGINES.get(path)
        if engine is None:
            engine = _ENGINES[path] = scrubjay.Engine.from_file(path)
        return engine


class ScrubbingOTLPSpanExporter(RedactingSpanExporter):
    """The SDK's OTLP/HTTP span exporter (``opentelemetry-exporter-otlp-proto-http``),
    receiving scrubbed spans. Keyword arguments go to that exporter."""

    def __init__(self, **kwargs: Any) -> None:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        super().__init__(OTLPSpanExporter(**kwargs), engine_from_env())


class ScrubbingOTLPLogExporter(RedactingLogRecordExporter):
    """The SDK's OTLP/HTTP log exporter, receiving scrubbed copies of the records."""

    def __init__(self, **kwargs: Any) -> None:
        from opentelemetry.exporter.otlp.proto.http._log_exporter import OTLPLogExporter

        super().__init__(OTLPLogExporter(**kwargs), engine_from_env())


class ScrubbingConsoleSpanExporter(RedactingSpanExporter):
    """The SDK's console span exporter (JSON on standard output), receiving scrubbed spans."""

    def __init__(self, **kwargs: Any) -> None:
        from opentelemetry.sdk.trace.export import ConsoleSpanExporter

        super().__init__(ConsoleSpanExporter(**kwargs), engine_from_env())


class ScrubbingConsoleLogExporter(RedactingLogRecordExporter):
    """The SDK's console log record exporter, receiving scrubbed copies of the records."""

    def __init__(self, **kwargs: Any) -> None:
        from opentelemetry.sdk._logs.export import ConsoleLogRecordExporter

        super().__init__(ConsoleLogRecordExporter(**kwargs), engine_from_env())


class ScrubbingOTLPMetricExporter(RedactingMetricExporter):
    """The SDK's OTLP/HTTP metric exporter, receiving scrubbed copies of the metrics data (its
    temporality and aggregation preferences kept)."""

    def __init__(self, **kwargs: Any) -> None:
        from opentelemetry.exporter.otlp.proto.http.metric_exporter import OTLPMetricExporter

        super().__init__(OTLPMetricExporter(**kwargs), engine_from_env())


class ScrubbingConsoleMetricExporter(RedactingMetricExporter):
    """The SDK's console metric exporter, receiving scrubbed copies of the metrics data."""

    def __init__(self, **kwargs: Any) -> None:
        from opentelemetry.sdk.metrics.export import ConsoleMetricExporter

        super().__init__(ConsoleMetricExporter(**kwargs), engine_from_env())
