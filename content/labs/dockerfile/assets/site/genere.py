# Génère la page du site, comme le ferait un générateur de site statique.
import datetime
import os

os.makedirs("public", exist_ok=True)
with open("public/index.html", "w", encoding="utf-8") as page:
    page.write(f"""<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>Mon site</title></head>
<body>
<h1>Site généré par Python, servi par nginx</h1>
<p>Construit le {datetime.date.today().isoformat()}.</p>
</body>
</html>
""")
print("public/index.html écrit")
