"""Admin UI of the Invest-in pipeline: viewsets, board, lead page, dashboard, report.

Every view here looks its rows up through :func:`.scoped.scoped_queryset`, so another town's
lead, contact, activity or task is a 404 whatever the URL (Wagtail checks model permissions,
not objects: wagtail/wagtail#13314).
"""
