"""TikTok account assistant: guided how-tos and diagnosis for TikTok and TikTok For Business."""

__version__ = "0.1.0"
