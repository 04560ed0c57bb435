"""Blueprints: each view parses, authorises, calls one service, and renders."""
