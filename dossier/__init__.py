"""The applicant's dossier: models, rules, English check and documents (no UI code here)."""
