"""The fundraising reports in the admin's Reports menu: gifts per campaign per month, recurring gifts, conversion."""
