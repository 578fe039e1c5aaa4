"""A stand-in for the LeadHit JSON-RPC service, built on the real libraries.

LeadHit's service is the Python ``json-rpc`` library behind its Django backend
(see shared/LEADHIT-API.md). The live service is not reachable from our
machines, so the end-to-end tests run this server instead: a standalone Django
app (settings configured in code, no project scaffolding) that mounts one
``jsonrpc.backend.django.JSONRPCAPI(Dispatcher())`` per node at
``/api/v1/<node>/``. The library itself serves both views of every node:

* ``POST /api/v1/<node>/``    the JSON-RPC 2.0 endpoint;
* ``GET  /api/v1/<node>/map`` the method map (``JSONRPC_MAP_VIEW_ENABLED``).

A middleware answers 403 to every POST that lacks the right ``API-KEY`` header
(``api-key`` works too: Django exposes both as ``HTTP_API_KEY``); GETs, and so
the map pages, need no key.

Usage::

    python server.py --port 0 --api v1|v2|leadhit [--api-key K]

It binds 127.0.0.1 (port 0 picks a free port), prints exactly one line
``LISTENING <port>`` to stdout once it accepts connections, and serves with a
threading WSGI server until it is killed.

The methods are real Python functions with real docstrings; the backend passes
the Django request as their first argument. Every answer is deterministic JSON,
mostly an echo of what the method received (optional parameters' server-side
defaults included), so a test can tell what reached the server.

APIs
----
``v1``
    orders:  set_order_status, list_orders, ping
    reports: report.daily, getReport, type, export, echo
    clients: find_client, update_client
``v2`` -- exactly four changes relative to v1:
    1. removed:        orders.ping
    2. added:          orders.cancel_order(order_id, reason="other")
    3. required param: orders.list_orders gains required ``shop_id`` (str) as
                       its first parameter: list_orders(shop_id, limit=10, offset=0)
    4. type changed:   reports.report.daily ``date_from`` goes from ``str``
                       (YYYY-MM-DD) to ``int`` (a Unix timestamp); ``date_to``
                       stays ``str``
    Every other method, docstring and answer is the same as in v1.
``leadhit``
    Only what LeadHit's public documentation describes: node ``orders`` with
    ``set_order_status(order_id, status)``. Used to seed ``maps-cache/``.

``fixtures/generate.py`` imports this module (through
:func:`build_nodes` and :func:`django_settings`) to store these maps as fixtures.
"""

import argparse
import hmac
import socketserver
import sys
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from jsonrpc import Dispatcher

#: The API versions this server can serve, for ``--api``.
API_VERSIONS = ("v1", "v2", "leadhit")

#: The key POSTs must carry unless ``--api-key`` says otherwise.
DEFAULT_API_KEY = "test-key"

#: Where the nodes are mounted: ``/api/v1/<node>/``.
API_PREFIX = "api/v1/"

#: The allowed order statuses, as LeadHit documents them.
ORDER_STATUSES = ("paid", "submitted")

#: Filled by :func:`main` before serving; Django's ROOT_URLCONF points at this
#: module when it runs as the server.
urlpatterns = []


class ValidationError(Exception):
    """Raised for a wrong argument; the library reports it as error -32000 with
    ``data.type == "ValidationError"``, exactly as LeadHit does."""


def _check_status(status):
    if status not in ORDER_STATUSES:
        raise ValidationError("Possible statuses: " + ", ".join(ORDER_STATUSES))


# --- node "orders" ----------------------------------------------------------


def set_order_status(request, order_id, status):
    """Change the status of an order.

    :param request: The HTTP request; the server passes it in, clients never send it.
    :type request: django.http.HttpRequest
    :param order_id: The order's id in the shop, e.g. ``f168148717``.
    :type order_id: str
    :param status: The new status.
    :type status: Literal['paid', 'submitted']
    :raises ValidationError: If the status is not one of paid, submitted.
    :returns: ``{"status": "ok", "message": "Order status changed"}``.
    :rtype: dict
    """
    _check_status(status)
    return {"status": "ok", "message": "Order status changed"}


def list_orders(request, limit=10, offset=0):
    """List the shop's orders, oldest first.

    Args:
        request: The HTTP request, passed in by the server.
        limit (int, optional): How many orders to return. Defaults to 10.
        offset (int, optional): How many orders to skip. Defaults to 0.

    Returns:
        list: One dict per order, with ``order_id``, ``status`` and ``position``.
    """
    return _orders(limit, offset, shop_id=None)


def ping(request):
    return "pong"


def _orders(limit, offset, shop_id):
    orders = []
    for position in range(offset, offset + limit):
        order = {
            "order_id": "o%d" % position,
            "status": ORDER_STATUSES[position % 2],
            "position": position,
        }
        if shop_id is not None:
            order["shop_id"] = shop_id
        orders.append(order)
    return orders


def list_orders_v2(request, shop_id, limit=10, offset=0):
    """List one shop's orders, oldest first.

    Args:
        request: The HTTP request, passed in by the server.
        shop_id (str): The shop whose orders to list.
        limit (int, optional): How many orders to return. Defaults to 10.
        offset (int, optional): How many orders to skip. Defaults to 0.

    Returns:
        list: One dict per order, with ``order_id``, ``status``, ``position``
        and ``shop_id``.
    """
    return _orders(limit, offset, shop_id=shop_id)


def cancel_order(request, order_id, reason="other"):
    """Cancel an order.

    :param request: The HTTP request, passed in by the server.
    :param order_id: The order's id in the shop.
    :type order_id: str
    :param reason: Why the order is cancelled, defaults to ``"other"``.
    :type reason: str, optional
    :returns: The order id, its new status and the reason given.
    :rtype: dict
    """
    return {"order_id": order_id, "status": "cancelled", "reason": reason}


# --- node "reports" ---------------------------------------------------------


def report_daily(request, date_from, date_to, currency="RUB"):
    """Daily totals for a range of days.

    Parameters
    ----------
    request : django.http.HttpRequest
        The HTTP request, passed in by the server.
    date_from, date_to : str
        The first and the last day, as ``YYYY-MM-DD``.
    currency : str, optional
        ISO 4217 currency code. Default is ``"RUB"``.

    Returns
    -------
    dict
        The range and the currency, echoed back.
    """
    if not isinstance(date_from, str):
        raise ValidationError("date_from must be a day as YYYY-MM-DD (str)")
    return {"date_from": date_from, "date_to": date_to, "currency": currency}


def report_daily_v2(request, date_from, date_to, currency="RUB"):
    """Daily totals for a range of days.

    Parameters
    ----------
    request : django.http.HttpRequest
        The HTTP request, passed in by the server.
    date_from : int
        The first day, as a Unix timestamp in seconds.
    date_to : str
        The last day, as ``YYYY-MM-DD``.
    currency : str, optional
        ISO 4217 currency code. Default is ``"RUB"``.

    Returns
    -------
    dict
        The range and the currency, echoed back.
    """
    if not isinstance(date_from, int) or isinstance(date_from, bool):
        raise ValidationError("date_from must be a Unix timestamp (int)")
    return {"date_from": date_from, "date_to": date_to, "currency": currency}


def get_report(request, report_id, fmt="json"):
    """Fetch one stored report.

    @param request: The HTTP request, passed in by the server.
    @param report_id: The report's id.
    @type report_id: int
    @param fmt: Output format, C{"json"} or C{"csv"}. Defaults to C{"json"}.
    @type fmt: str
    @return: The report id and the format, echoed back, and whether it is C{ready}.
    @rtype: dict
    """
    return {"report_id": report_id, "fmt": fmt, "ready": True}


def report_type(request, report_id):
    """Tell which kind of report a report is.

    :param report_id: The report's id.
    :type report_id: int
    :returns: ``"daily"`` for even ids, ``"weekly"`` for odd ones.
    :rtype: str
    """
    return "daily" if report_id % 2 == 0 else "weekly"


def export(request, *args, **kwargs):
    """Export report rows; every argument goes to the exporter as is.

    :param *args: Column names to export, in order.
    :type *args: str
    :param **kwargs: Filters, as ``column=value``.
    :returns: What the call received: ``{"args": [...], "kwargs": {...}}``.
    :rtype: dict
    """
    return {"args": list(args), "kwargs": kwargs}


def echo(request, value, tag=None):
    """Send back what the call received.

    :param request: The HTTP request, passed in by the server.
    :param value: Anything.
    :param tag: Anything as well, sent back beside the value; defaults to None.
    :returns: ``{"value": value, "tag": tag}``, as the server decoded them.
    """
    return {"value": value, "tag": tag}


# --- node "clients" (Russian docstrings) ------------------------------------


def find_client(request, email, phone=None):
    """Найти клиента по электронной почте и, если он указан, по телефону.

    Args:
        request: HTTP-запрос, его передаёт сервер.
        email (str): Электронная почта клиента.
        phone (str, optional): Телефон в формате +7XXXXXXXXXX. По умолчанию None.

    Returns:
        dict: Найденный клиент: ``email``, ``phone``, ``found`` и ``searched_by``
        (``"email"`` или ``"email+phone"``).
    """
    searched_by = "email" if phone is None else "email+phone"
    return {"email": email, "phone": phone, "found": True, "searched_by": searched_by}


def update_client(request, client_id, name, segment="новые", notify=False):
    """Изменить данные клиента.

    :param request: HTTP-запрос, его передаёт сервер.
    :param client_id: Идентификатор клиента.
    :type client_id: str
    :param name: Новое имя клиента.
    :type name: str
    :param segment: Сегмент клиента, по умолчанию ``"новые"``.
    :type segment: str
    :param notify: Отправить ли клиенту письмо, по умолчанию False.
    :type notify: bool
    :returns: Изменённые поля клиента.
    :rtype: dict
    """
    return {"client_id": client_id, "name": name, "segment": segment, "notify": notify}


# --- API "leadhit": only what the public documentation says -----------------


def set_order_status_leadhit(request, order_id, status):
    """Set the status of an order.

    :param order_id: The order's id, e.g. ``f168148717``.
    :type order_id: str
    :param status: The new status: ``paid`` or ``submitted``.
    :type status: str
    :raises ValidationError: If the status is not allowed
        ("Possible statuses: paid, submitted").
    :returns: ``{"status": "ok", "message": "Order status changed"}``.
    :rtype: dict
    """
    _check_status(status)
    return {"status": "ok", "message": "Order status changed"}


def build_nodes(api):
    """Return ``{node name: Dispatcher}`` for one API version, in page order.

    Each call builds fresh dispatchers, so callers may mount several versions
    side by side.
    """
    if api not in API_VERSIONS:
        raise ValueError("unknown API %r, expected one of %s" % (api, ", ".join(API_VERSIONS)))

    if api == "leadhit":
        orders = Dispatcher()
        orders.add_method(set_order_status_leadhit, name="set_order_status")
        return {"orders": orders}

    orders = Dispatcher()
    orders.add_method(set_order_status)
    if api == "v1":
        orders.add_method(list_orders)
        orders.add_method(ping)
    else:
        orders.add_method(list_orders_v2, name="list_orders")
        orders.add_method(cancel_order)

    reports = Dispatcher()
    reports.add_method(report_daily if api == "v1" else report_daily_v2, name="report.daily")
    reports.add_method(get_report, name="getReport")
    reports.add_method(report_type, name="type")
    reports.add_method(export)
    reports.add_method(echo)

    clients = Dispatcher()
    clients.add_method(find_client)
    clients.add_method(update_client)

    return {"orders": orders, "reports": reports, "clients": clients}


def node_urls(nodes, prefix=API_PREFIX):
    """URL patterns mounting each dispatcher's ``JSONRPCAPI`` at ``<prefix><node>/``.

    Django's settings must be configured first: the library reads
    ``JSONRPC_MAP_VIEW_ENABLED`` when it builds its patterns.
    """
    from django.urls import include, path
    from jsonrpc.backend.django import JSONRPCAPI

    return [path(prefix + name + "/", include(JSONRPCAPI(dispatcher).urls)) for name, dispatcher in nodes.items()]


class ApiKeyMiddleware:
    """Answer 403 to every POST whose ``API-KEY`` header is missing or wrong."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.http import HttpResponseForbidden

        if request.method == "POST":
            given = request.META.get("HTTP_API_KEY", "")
            if not hmac.compare_digest(given.encode(), settings.TESTSERVER_API_KEY.encode()):
                return HttpResponseForbidden(
                    "Forbidden: missing or wrong API-KEY header\n", content_type="text/plain; charset=utf-8"
                )
        return self.get_response(request)


def django_settings(urlconf, api_key=DEFAULT_API_KEY):
    """The settings of this app, as keyword arguments for ``settings.configure``."""
    return {
        "DEBUG": False,
        "ALLOWED_HOSTS": ["*"],
        "SECRET_KEY": "leadhit-codegen-test-server-not-secret",
        "ROOT_URLCONF": urlconf,
        "MIDDLEWARE": [__name__ + ".ApiKeyMiddleware"],
        "INSTALLED_APPS": [],
        "DATABASES": {},
        "USE_TZ": True,
        "JSONRPC_MAP_VIEW_ENABLED": True,
        "TESTSERVER_API_KEY": api_key,
    }


class ThreadingWSGIServer(socketserver.ThreadingMixIn, WSGIServer):
    """wsgiref's server, one thread per connection, so a slow client cannot
    stall the tests running beside it."""

    daemon_threads = True

    def server_bind(self):
        # HTTPServer.server_bind resolves the host's FQDN, a DNS lookup this
        # loopback-only server does not need.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = host
        self.server_port = port
        self.setup_environ()


class QuietHandler(WSGIRequestHandler):
    """No access log: stdout carries only the LISTENING line."""

    def log_message(self, format, *args):
        pass


def main(argv=None):
    parser = argparse.ArgumentParser(description="JSON-RPC test server standing in for LeadHit.")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1; 0 picks a free one")
    parser.add_argument("--api", choices=API_VERSIONS, default="v1", help="which API to serve")
    parser.add_argument("--api-key", default=DEFAULT_API_KEY, help="the API-KEY that POSTs must carry")
    args = parser.parse_args(argv)

    import django
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    settings.configure(**django_settings(urlconf=__name__, api_key=args.api_key))
    django.setup()
    urlpatterns[:] = node_urls(build_nodes(args.api))
    app = get_wsgi_application()

    server = make_server("127.0.0.1", args.port, app, server_class=ThreadingWSGIServer, handler_class=QuietHandler)
    print("LISTENING %d" % server.server_port, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    sys.exit(main())
