"""Events the public submits ("add your event"): a draft page, a signed link, moderation."""
