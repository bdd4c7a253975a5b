"""What page furniture says, per language, as data: labels, "read also" lead-ins, promotions, timestamp words.

``boilerplate`` reads these tables; add a language or a phrase here rather than a rule there. Phrases are
matched folded (``fold.fold_text``: case, accents, Arabic hamza seats, tanween and tatweel do not count), so
``اقرأ أيضاً``, ``إقرأ ايضا`` and ``اقـرأ أيضا`` are one entry. The English labels and promotions predate this table
and stay in ``boilerplate`` with those of other languages read rarely (German, Italian, Portuguese).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["BOILERPLATE_PHRASES", "BoilerplatePhrases"]


@dataclass(frozen=True, slots=True)
class BoilerplatePhrases:
    """One language's furniture.

    Attributes:
        labels: a whole short line that is never article text ("Publicité", "Читайте также").
        read_also: lead-ins that, followed by a colon or dash, introduce a link to another story
            ("Lire aussi : ...", "اقرأ أيضا: ...").
        promos: phrases that make a line furniture at the start or end of a body: share, subscribe, follow,
            cookie notices.
        stamps: the words of a "published / updated" line, furniture at the edges when it carries a date.
    """

    language: str
    labels: tuple[str, ...]
    read_also: tuple[str, ...]
    promos: tuple[str, ...]
    stamps: tuple[str, ...]


BOILERPLATE_PHRASES: tuple[BoilerplatePhrases, ...] = (
    BoilerplatePhrases(
        "en",
        labels=(),
        read_also=("read more", "read also", "also read", "see also", "related", "more on this story"),
        promos=("we use cookies", "this site uses cookies", "this website uses cookies"),
        stamps=(),
    ),
    BoilerplatePhrases(
        "fr",
        labels=(
            "publicité", "lire aussi", "à lire aussi", "lire également", "à lire également", "voir aussi",
            "lire la suite", "sur le même sujet", "dans la même rubrique", "les plus lus", "articles liés",
            "partager", "partager cet article", "partagez", "commentaires", "réagir", "s'abonner", "abonnez-vous",
            "newsletter", "suivez-nous", "à voir aussi", "à découvrir", "mots-clés",
        ),
        read_also=("lire aussi", "à lire aussi", "lire également", "à lire également", "voir aussi", "à voir aussi",
                   "lire la suite"),
        promos=(
            "abonnez-vous", "s'abonner", "inscrivez-vous à notre newsletter", "recevez notre newsletter",
            "suivez-nous", "partagez cet article", "utilise des cookies", "utilisons des cookies",
            "tous droits réservés", "téléchargez notre application",
        ),
        stamps=("publié le", "mis à jour le", "modifié le", "publié à", "mis à jour à"),
    ),
    BoilerplatePhrases(
        "es",
        labels=(
            "publicidad", "lea también", "lee también", "leer más", "lea más", "ver también", "te puede interesar",
            "también te puede interesar", "noticias relacionadas", "notas relacionadas", "más leídas",
            "lo más leído", "compartir", "comparte", "comentarios", "suscríbete", "suscribirse", "síguenos",
            "etiquetas", "temas",
        ),
        read_also=("lea también", "lee también", "leer más", "lea más", "ver también", "te puede interesar",
                   "también te puede interesar", "le puede interesar"),
        promos=(
            "suscríbete", "suscríbase", "síguenos", "comparte esta noticia", "recibe nuestro boletín",
            "utilizamos cookies", "usamos cookies", "este sitio utiliza cookies", "todos los derechos reservados",
            "descarga nuestra app",
        ),
        stamps=("publicado el", "actualizado el", "publicado", "actualizado", "última actualización"),
    ),
    BoilerplatePhrases(
        "ar",
        labels=(
            "إعلان", "اقرأ أيضا", "اقرأ أيضاً", "اقرأ المزيد", "شاهد أيضا", "مواضيع ذات صلة", "أخبار ذات صلة",
            "مقالات ذات صلة", "الأكثر قراءة", "الأكثر مشاهدة", "شارك", "مشاركة", "شارك الخبر", "تعليقات",
            "التعليقات", "اشترك", "اشترك الآن", "تابعونا", "الوسوم", "كلمات مفتاحية",
        ),
        read_also=("اقرأ أيضا", "اقرأ أيضاً", "اقرأ المزيد", "شاهد أيضا", "طالع أيضا", "للمزيد"),
        promos=(
            "اشترك في النشرة", "اشترك في نشرتنا", "تابعونا على", "تابعوا آخر الأخبار", "شارك هذا المقال",
            "ملفات تعريف الارتباط", "نستخدم الكوكيز", "جميع الحقوق محفوظة", "حمل تطبيق",
        ),
        stamps=("نشر في", "تاريخ النشر", "آخر تحديث", "تم التحديث", "نُشر بتاريخ"),
    ),
    BoilerplatePhrases(
        "ru",
        labels=(
            "реклама", "читайте также", "смотрите также", "похожие статьи", "читать далее", "подробнее",
            "по теме", "самое читаемое", "популярное", "новости по теме", "поделиться", "комментарии",
            "подписаться", "подпишитесь", "теги",
        ),
        read_also=("читайте также", "смотрите также", "читать также", "по теме", "подробнее"),
        promos=(
            "подписывайтесь на", "подпишитесь на", "подписаться на", "поделиться в", "используем файлы cookie",
            "использует файлы cookie", "используем cookie", "все права защищены", "скачайте приложение",
        ),
        stamps=("опубликовано", "обновлено", "дата публикации"),
    ),
    BoilerplatePhrases(
        "uk",
        labels=(
            "реклама", "читайте також", "дивіться також", "схожі статті", "читати далі", "детальніше",
            "по темі", "на тему", "найпопулярніше", "популярне", "новини на тему", "поділитися", "коментарі",
            "підписатися", "підпишіться", "теги",
        ),
        read_also=("читайте також", "дивіться також", "читати також", "детальніше", "по темі"),
        promos=(
            "підписуйтесь на", "підпишіться на", "підписатися на", "поділитися в", "використовуємо файли cookie",
            "використовує файли cookie", "використовуємо cookie", "всі права захищені", "усі права захищені",
            "завантажте застосунок",
        ),
        stamps=("опубліковано", "оновлено", "дата публікації"),
    ),
)  # fmt: skip
