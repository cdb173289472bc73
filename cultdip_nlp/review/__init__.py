"""Human review of the machine's tags: queue, judgements, coders, web page, spreadsheets,
agreement, adjudication and REFI-QDA exchange. See docs/review.md."""
