"""cultdip: text mining of policy documents for national identity and cultural diplomacy."""

__version__ = "0.1.0"
