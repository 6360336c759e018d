"""The doctor-ready report: data assembly, charts, PDF, the weekly summary and APL. No Flask."""
