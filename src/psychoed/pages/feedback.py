""" "Was this page helpful?": where a reader's answer goes, for the channel the clinic chose.

Nothing here loads or sends anything by itself. An email channel is a ``mailto:`` link with the page filled
in; an issue channel is a link that opens a new issue with the page filled in; a form posts to the clinic's
own host, and only when the reader presses send. So the page makes no request to another site, sets no
cookie, and the page's address leaves only in the answer the reader chooses to send.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from psychoed.settings.model import Feedback
from psychoed.source.urls import origin

ANSWERS = {"yes": "Yes, it helped", "no": "No, it did not help"}
"""Each answer a reader can give, as the message states it."""


def answer_link(feedback: Feedback, answer: str, title: str, page: str) -> str:
    """The address that sends ``answer`` about the page titled ``title`` at ``page``, for the email or issue
    channel (a form posts instead)."""
    said = ANSWERS[answer]
    subject = f"Feedback: {title}"
    body = (
        f"Page: {page}\nWas this page helpful? {said}\n\n"
        "What could be better? (Please do not include your name or details about your health.)\n"
    )
    if feedback.email:
        return f"mailto:{feedback.email}?{urlencode({'subject': subject, 'body': body}, quote_via=quote)}"
    if feedback.issues:
        query = urlencode({"title": subject, "body": body, "labels": "feedback"}, quote_via=quote)
        return f"{feedback.issues}/issues/new?{query}"
    raise ValueError("a form channel posts; it has no link")


def form_origin(feedback: Feedback | None) -> str | None:
    """The origin forms may send to (the policy's ``form-action``): the feedback form's, if that is the channel."""
    return origin(feedback.form) if feedback is not None and feedback.form else None
