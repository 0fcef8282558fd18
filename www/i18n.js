// The words of Carrel's interface, in every language it speaks, shared by the search page
// (app.js) and the <carrel-search> component (carrel-search.js).
//
// A string may hold {name} placeholders, filled from the parameters given, and [[key]]
// marks, shown as a keyboard key (<kbd>). A string that depends on a count is an object
// keyed by plural category (Intl.PluralRules: zero, one, two, few, many, other); {n} is the
// count, written the language's way. A language lacking a string falls back to English.
//
// To add a language: copy the `en` table, translate every value, and add its code to
// RIGHT_TO_LEFT if it is written right to left.
//
// The offline single-file page runs this file as a classic script, its last line (the
// export) removed: so no import, nothing exported but on that line, no import.meta.

const STRINGS = {
  en: {
    'locale': 'en-GB',
    'page.title': 'Document archive search',
    'page.description': 'Search the full text of this document collection. The search runs in your browser.',
    'page.title.search': '{name} — search',
    'page.title.document': '{title} — {name}',
    'skip': 'Skip to results',
    'eyebrow': 'Document archive',
    'archive': 'Document archive',
    'summary': 'Full-text search of the collection’s letters, telegrams and papers.',
    'summary.count': 'Search the full text of {documents}.',
    'search.label': 'Search the documents',
    'search.placeholder': 'e.g. armistice, "Alternative B"',
    'search.button': 'Search',
    'search.hint': 'Put a phrase in "quotes". Leave empty to browse every document. Press [[/]] to come back here.',
    'loading': 'Loading the collection…',
    'loading.progress': 'Loading the collection… {loaded} of {total}',
    'loading.bytes': 'Loading the collection… {loaded}',
    'fatal': 'The collection could not be loaded: {message}.',
    'fatal.file': 'A page opened from a file needs the single-file (offline) edition of this collection.',
    'refine': 'Refine',
    'refine.more': ': sort, dates and filters',
    'sort': 'Sort by',
    'sort.relevance': 'Best match',
    'sort.date-asc': 'Date, oldest first',
    'sort.date-desc': 'Date, newest first',
    'dates': 'Date',
    'dates.from': 'From',
    'dates.to': 'To',
    'dates.placeholder': 'YYYY',
    'dates.hint': 'A year, or YYYY-MM, or YYYY-MM-DD.',
    'dates.error': 'Please write a date as a year (1951), a month (1951-06) or a day (1951-06-14).',
    'dates.clear': 'Clear dates',
    'filters.clear': 'Clear all filters',
    'facet.type': 'Type',
    'facet.from': 'From',
    'facet.to': 'To',
    'facet.collection': 'Collection',
    'facet.year': 'Year',
    'facet.fewer': 'Show fewer',
    'facet.all': 'Show all {n}',
    'results': 'Results',
    'timeline': 'Documents over time',
    'timeline.hint': '(choose a bar to narrow the dates)',
    'timeline.bar': '{period}: {documents}',
    'timeline.choose': '{bar}. Show only these.',
    'more': 'Show more results',
    'documents': { one: '{n} document', other: '{n} documents' },
    'status.browse': 'Browsing all {documents}.',
    'status.filtered': '{documents} with these filters.',
    'status.none': 'No documents found for “{q}”.',
    'status.found': { one: '{n} document found for “{q}”.', other: '{n} documents found for “{q}”.' },
    'status.failed': 'The search could not be run.',
    'status.timing': '({ms} ms)',
    'notice.retry': 'Please change the search and try again. {message}',
    'notice.suggestion': 'Did you mean {suggestion}?',
    'notice.partial': 'No document contains all of your words. Showing partial matches: documents that contain some of them.',
    'notice.empty': 'Nothing was found. Check the spelling, try fewer or other words.',
    'notice.empty-filtered': 'Nothing was found. Check the spelling, try fewer or other words, or clear the filters.',
    'document': 'Document',
    'document.tools': 'Document tools',
    'document.failed': 'This document could not be shown. {message}',
    'document.missing': 'Document not found',
    'back': 'Back',
    'back.long': 'Back to results',
    'previous': 'Previous',
    'previous.short': 'Prev',
    'previous.label': 'Previous match',
    'next': 'Next',
    'next.label': 'Next match',
    'matches': { one: '{n} match', other: '{n} matches' },
    'match': 'Match',
    'match.of': '{i} of {n}',
    'print': 'Print',
    'cite': 'Cite this document',
    'cite.copy': 'Copy citation',
    'cite.copy-link': 'Copy link',
    'cite.permalink': 'Permanent link:',
    'cite.source': 'See this document at its source',
    'cite.copied': 'Citation copied.',
    'cite.link-copied': 'Link copied.',
    'cite.copy-failed': 'Your browser did not allow copying: select the text and copy it yourself.',
    'footer.keys': 'The search runs in your browser: nothing you type leaves this page. Keys: [[/]] search, [[↑]] [[↓]] move through results, [[Enter]] open, [[n]] [[p]] next and previous match, [[Esc]] close.',
    'footer.made': 'Made with Carrel.',
    'field.Date': 'Date',
    'field.Type': 'Type',
    'field.From': 'From',
    'field.To': 'To',
    'field.Collection': 'Collection',
    'field.Source': 'Source',
    'field.Record': 'Record',
    'field.Notes': 'Notes',
    'size.kb': '{n} KB',
    'size.mb': '{n} MB',
    'widget.label': 'Search the collection',
    'widget.placeholder': 'Words, names or a "phrase"',
    'widget.hint': 'Press [[/]] to search, [[↑]] [[↓]] to move through results, [[Enter]] to open.',
    'widget.loading': 'Loading the search…',
    'widget.loading.progress': 'Loading the search… {loaded} of {total}',
    'widget.loading.bytes': 'Loading the search… {loaded}',
    'widget.ready': 'Ready to search {documents}.',
    'widget.failed': 'The search could not be loaded: {message}',
  },

  fr: {
    'locale': 'fr-FR',
    'page.title': 'Recherche dans les archives',
    'page.description': 'Cherchez dans le texte intégral de cette collection de documents. La recherche se fait dans votre navigateur.',
    'page.title.search': '{name} — recherche',
    'page.title.document': '{title} — {name}',
    'skip': 'Aller aux résultats',
    'eyebrow': 'Archives',
    'archive': 'Archives de documents',
    'summary': 'Recherche en texte intégral dans les lettres, télégrammes et documents de la collection.',
    'summary.count': 'Cherchez dans le texte intégral de {documents}.',
    'search.label': 'Rechercher dans les documents',
    'search.placeholder': 'p. ex. armistice, "Alternative B"',
    'search.button': 'Rechercher',
    'search.hint': 'Mettez une expression entre "guillemets". Laissez vide pour parcourir tous les documents. Appuyez sur [[/]] pour revenir ici.',
    'loading': 'Chargement de la collection…',
    'loading.progress': 'Chargement de la collection… {loaded} sur {total}',
    'loading.bytes': 'Chargement de la collection… {loaded}',
    'fatal': 'La collection n’a pas pu être chargée : {message}.',
    'fatal.file': 'Une page ouverte depuis un fichier a besoin de l’édition en un seul fichier (hors ligne) de cette collection.',
    'refine': 'Affiner',
    'refine.more': ' : tri, dates et filtres',
    'sort': 'Trier par',
    'sort.relevance': 'Pertinence',
    'sort.date-asc': 'Date, du plus ancien au plus récent',
    'sort.date-desc': 'Date, du plus récent au plus ancien',
    'dates': 'Date',
    'dates.from': 'Du',
    'dates.to': 'Au',
    'dates.placeholder': 'AAAA',
    'dates.hint': 'Une année, ou AAAA-MM, ou AAAA-MM-JJ.',
    'dates.error': 'Écrivez une date sous la forme d’une année (1951), d’un mois (1951-06) ou d’un jour (1951-06-14).',
    'dates.clear': 'Effacer les dates',
    'filters.clear': 'Effacer tous les filtres',
    'facet.type': 'Type',
    'facet.from': 'Expéditeur',
    'facet.to': 'Destinataire',
    'facet.collection': 'Collection',
    'facet.year': 'Année',
    'facet.fewer': 'Afficher moins',
    'facet.all': 'Afficher les {n}',
    'results': 'Résultats',
    'timeline': 'Documents dans le temps',
    'timeline.hint': '(choisissez une barre pour restreindre les dates)',
    'timeline.bar': '{period} : {documents}',
    'timeline.choose': '{bar}. Afficher seulement ceux-ci.',
    'more': 'Afficher plus de résultats',
    'documents': { one: '{n} document', other: '{n} documents' },
    'status.browse': 'Vous parcourez {documents}.',
    'status.filtered': '{documents} avec ces filtres.',
    'status.none': 'Aucun document trouvé pour « {q} ».',
    'status.found': { one: '{n} document trouvé pour « {q} ».', other: '{n} documents trouvés pour « {q} ».' },
    'status.failed': 'La recherche n’a pas pu être effectuée.',
    'status.timing': '({ms} ms)',
    'notice.retry': 'Modifiez la recherche et réessayez. {message}',
    'notice.suggestion': 'Vouliez-vous dire {suggestion} ?',
    'notice.partial': 'Aucun document ne contient tous vos mots. Voici des correspondances partielles : des documents qui en contiennent une partie.',
    'notice.empty': 'Rien n’a été trouvé. Vérifiez l’orthographe, essayez moins de mots ou d’autres mots.',
    'notice.empty-filtered': 'Rien n’a été trouvé. Vérifiez l’orthographe, essayez moins de mots ou d’autres mots, ou effacez les filtres.',
    'document': 'Document',
    'document.tools': 'Outils du document',
    'document.failed': 'Ce document n’a pas pu être affiché. {message}',
    'document.missing': 'Document introuvable',
    'back': 'Retour',
    'back.long': 'Retour aux résultats',
    'previous': 'Précédente',
    'previous.short': 'Préc.',
    'previous.label': 'Occurrence précédente',
    'next': 'Suivante',
    'next.label': 'Occurrence suivante',
    'matches': { one: '{n} occurrence', other: '{n} occurrences' },
    'match': 'Occurrence',
    'match.of': '{i} sur {n}',
    'print': 'Imprimer',
    'cite': 'Citer ce document',
    'cite.copy': 'Copier la citation',
    'cite.copy-link': 'Copier le lien',
    'cite.permalink': 'Lien permanent :',
    'cite.source': 'Voir ce document à sa source',
    'cite.copied': 'Citation copiée.',
    'cite.link-copied': 'Lien copié.',
    'cite.copy-failed': 'Votre navigateur n’a pas permis la copie : sélectionnez le texte et copiez-le vous-même.',
    'footer.keys': 'La recherche se fait dans votre navigateur : rien de ce que vous tapez ne quitte cette page. Touches : [[/]] rechercher, [[↑]] [[↓]] parcourir les résultats, [[Entrée]] ouvrir, [[n]] [[p]] occurrence suivante et précédente, [[Échap]] fermer.',
    'footer.made': 'Réalisé avec Carrel.',
    'field.Date': 'Date',
    'field.Type': 'Type',
    'field.From': 'De',
    'field.To': 'À',
    'field.Collection': 'Collection',
    'field.Source': 'Source',
    'field.Record': 'Cote',
    'field.Notes': 'Notes',
    'size.kb': '{n} Ko',
    'size.mb': '{n} Mo',
    'widget.label': 'Rechercher dans la collection',
    'widget.placeholder': 'Mots, noms ou "expression"',
    'widget.hint': 'Appuyez sur [[/]] pour chercher, [[↑]] [[↓]] pour parcourir les résultats, [[Entrée]] pour ouvrir.',
    'widget.loading': 'Chargement de la recherche…',
    'widget.loading.progress': 'Chargement de la recherche… {loaded} sur {total}',
    'widget.loading.bytes': 'Chargement de la recherche… {loaded}',
    'widget.ready': 'Prêt à chercher dans {documents}.',
    'widget.failed': 'La recherche n’a pas pu être chargée : {message}',
  },

  ar: {
    'locale': 'ar',
    'page.title': 'البحث في أرشيف الوثائق',
    'page.description': 'ابحث في النص الكامل لهذه المجموعة من الوثائق. يجري البحث في متصفحك.',
    'page.title.search': '{name} — بحث',
    'page.title.document': '{title} — {name}',
    'skip': 'انتقل إلى النتائج',
    'eyebrow': 'أرشيف الوثائق',
    'archive': 'أرشيف الوثائق',
    'summary': 'بحث في النص الكامل لرسائل المجموعة وبرقياتها وأوراقها.',
    'summary.count': 'ابحث في النص الكامل: {documents}.',
    'search.label': 'ابحث في الوثائق',
    'search.placeholder': 'مثلًا: armistice، "Alternative B"',
    'search.button': 'بحث',
    'search.hint': 'ضع العبارة بين "علامتي تنصيص". اترك الحقل فارغًا لتصفح كل الوثائق. اضغط [[/]] للعودة إلى هنا.',
    'loading': 'جارٍ تحميل المجموعة…',
    'loading.progress': 'جارٍ تحميل المجموعة… {loaded} من {total}',
    'loading.bytes': 'جارٍ تحميل المجموعة… {loaded}',
    'fatal': 'تعذّر تحميل المجموعة: {message}.',
    'fatal.file': 'تحتاج الصفحة المفتوحة من ملف إلى نسخة الملف الواحد (دون اتصال) من هذه المجموعة.',
    'refine': 'تضييق البحث',
    'refine.more': ': الترتيب والتواريخ والمرشحات',
    'sort': 'الترتيب حسب',
    'sort.relevance': 'الأكثر صلة',
    'sort.date-asc': 'التاريخ، الأقدم أولًا',
    'sort.date-desc': 'التاريخ، الأحدث أولًا',
    'dates': 'التاريخ',
    'dates.from': 'من',
    'dates.to': 'إلى',
    'dates.placeholder': 'YYYY',
    'dates.hint': 'سنة، أو YYYY-MM، أو YYYY-MM-DD.',
    'dates.error': 'اكتب التاريخ سنةً (1951) أو شهرًا (1951-06) أو يومًا (1951-06-14).',
    'dates.clear': 'مسح التواريخ',
    'filters.clear': 'مسح كل المرشحات',
    'facet.type': 'النوع',
    'facet.from': 'المرسِل',
    'facet.to': 'المرسَل إليه',
    'facet.collection': 'المجموعة',
    'facet.year': 'السنة',
    'facet.fewer': 'عرض أقل',
    'facet.all': 'عرض الكل ({n})',
    'results': 'النتائج',
    'timeline': 'الوثائق عبر الزمن',
    'timeline.hint': '(اختر عمودًا لتضييق التواريخ)',
    'timeline.bar': '{period}: {documents}',
    'timeline.choose': '{bar}. اعرض هذه فقط.',
    'more': 'عرض مزيد من النتائج',
    'documents': { zero: 'لا وثائق', one: 'وثيقة واحدة', two: 'وثيقتان', few: '{n} وثائق', many: '{n} وثيقة', other: '{n} وثيقة' },
    'status.browse': 'تصفح كل الوثائق: {documents}.',
    'status.filtered': '{documents} بهذه المرشحات.',
    'status.none': 'لم يُعثر على وثائق لـ«{q}».',
    'status.found': 'عُثر على {documents} لـ«{q}».',
    'status.failed': 'تعذّر تنفيذ البحث.',
    'status.timing': '({ms} ملّي ثانية)',
    'notice.retry': 'غيّر البحث وحاول مجددًا. {message}',
    'notice.suggestion': 'هل تقصد {suggestion}؟',
    'notice.partial': 'لا توجد وثيقة تحتوي كل كلماتك. تُعرض مطابقات جزئية: وثائق تحتوي بعضها.',
    'notice.empty': 'لم يُعثر على شيء. تحقق من الإملاء، أو جرّب كلمات أقل أو مختلفة.',
    'notice.empty-filtered': 'لم يُعثر على شيء. تحقق من الإملاء، أو جرّب كلمات أقل أو مختلفة، أو امسح المرشحات.',
    'document': 'وثيقة',
    'document.tools': 'أدوات الوثيقة',
    'document.failed': 'تعذّر عرض هذه الوثيقة. {message}',
    'document.missing': 'الوثيقة غير موجودة',
    'back': 'رجوع',
    'back.long': 'العودة إلى النتائج',
    'previous': 'السابق',
    'previous.short': 'السابق',
    'previous.label': 'الموضع السابق',
    'next': 'التالي',
    'next.label': 'الموضع التالي',
    'matches': { zero: 'لا مواضع', one: 'موضع واحد', two: 'موضعان', few: '{n} مواضع', many: '{n} موضعًا', other: '{n} موضع' },
    'match': 'الموضع',
    'match.of': '{i} من {n}',
    'print': 'طباعة',
    'cite': 'استشهد بهذه الوثيقة',
    'cite.copy': 'نسخ الاستشهاد',
    'cite.copy-link': 'نسخ الرابط',
    'cite.permalink': 'رابط دائم:',
    'cite.source': 'اعرض هذه الوثيقة في مصدرها',
    'cite.copied': 'نُسخ الاستشهاد.',
    'cite.link-copied': 'نُسخ الرابط.',
    'cite.copy-failed': 'لم يسمح متصفحك بالنسخ: حدّد النص وانسخه بنفسك.',
    'footer.keys': 'يجري البحث في متصفحك: لا يغادر هذه الصفحة شيء مما تكتبه. المفاتيح: [[/]] بحث، [[↑]] [[↓]] التنقل بين النتائج، [[Enter]] فتح، [[n]] [[p]] الموضع التالي والسابق، [[Esc]] إغلاق.',
    'footer.made': 'صُنع باستخدام Carrel.',
    'field.Date': 'التاريخ',
    'field.Type': 'النوع',
    'field.From': 'من',
    'field.To': 'إلى',
    'field.Collection': 'المجموعة',
    'field.Source': 'المصدر',
    'field.Record': 'رقم السجل',
    'field.Notes': 'ملاحظات',
    'size.kb': '{n} ك.ب',
    'size.mb': '{n} م.ب',
    'widget.label': 'ابحث في المجموعة',
    'widget.placeholder': 'كلمات أو أسماء أو "عبارة"',
    'widget.hint': 'اضغط [[/]] للبحث، و[[↑]] [[↓]] للتنقل بين النتائج، و[[Enter]] للفتح.',
    'widget.loading': 'جارٍ تحميل البحث…',
    'widget.loading.progress': 'جارٍ تحميل البحث… {loaded} من {total}',
    'widget.loading.bytes': 'جارٍ تحميل البحث… {loaded}',
    'widget.ready': 'جاهز للبحث في {documents}.',
    'widget.failed': 'تعذّر تحميل البحث: {message}',
  },
};

const RIGHT_TO_LEFT = ['ar', 'fa', 'he', 'ur'];

/**
 * The first of `wanted` (language tags such as "fr", "fr-CA", "AR"; empty ones skipped)
 * that Carrel speaks, by its primary subtag; English when none is.
 */
function pickLanguage(...wanted) {
  for (const tag of wanted) {
    const primary = String(tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
    if (primary && Object.hasOwn(STRINGS, primary)) return primary;
  }
  return 'en';
}

/**
 * The interface's words in `lang` (a code from pickLanguage):
 *   t(key, params)      the string, placeholders filled; a plural string picks by params.n
 *   t.fill(el, key, params)  puts the string into `el`: [[x]] as <kbd>x</kbd>, and a
 *                       parameter that is a DOM node placed as that node
 *   t.number(n), t.size(bytes), t.date('1951-06-14' | '1951-06' | '1951', { short })
 *   t.lang, t.dir ('ltr' | 'rtl'), t.locale
 */
function translator(lang) {
  const table = STRINGS[lang] ?? STRINGS.en;
  const locale = table.locale;
  const numbers = new Intl.NumberFormat(locale);
  const plurals = new Intl.PluralRules(locale);

  function raw(key, params) {
    let value = Object.hasOwn(table, key) ? table[key] : STRINGS.en[key];
    if (value === undefined) return key;
    if (typeof value === 'object') {
      const n = Number(params?.n ?? 0);
      // An exact zero form where the language has one ("لا وثائق"), else its category.
      value = (n === 0 && value.zero) || value[plurals.select(n)] || value.other;
    }
    return value;
  }

  function t(key, params = {}) {
    return raw(key, params).replace(/\{(\w+)\}/g, (whole, name) => {
      if (!(name in params)) return whole;
      const value = params[name];
      return typeof value === 'number' ? numbers.format(value) : String(value);
    });
  }

  t.fill = function fill(element, key, params = {}) {
    const nodes = [];
    for (const piece of raw(key, params).split(/(\[\[[^\]]+\]\]|\{\w+\})/)) {
      if (!piece) continue;
      const kbd = piece.match(/^\[\[(.+)\]\]$/);
      const param = piece.match(/^\{(\w+)\}$/);
      if (kbd) {
        const key = element.ownerDocument.createElement('kbd');
        key.textContent = kbd[1];
        nodes.push(key);
      } else if (param && param[1] in params) {
        const value = params[param[1]];
        nodes.push(typeof value === 'object' ? value : typeof value === 'number' ? numbers.format(value) : String(value));
      } else {
        nodes.push(piece);
      }
    }
    element.replaceChildren(...nodes);
  };

  t.number = (n) => numbers.format(n);

  t.size = (bytes) => (bytes < 1024 * 1024
    ? t('size.kb', { n: Math.max(1, Math.round(bytes / 1024)) })
    : raw('size.mb').replace('{n}', new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)));

  // Creating an Intl.DateTimeFormat costs far more than using one: one per shape of date.
  const dateFormats = new Map();
  const dateFormat = (options) => {
    const key = JSON.stringify(options);
    if (!dateFormats.has(key)) dateFormats.set(key, new Intl.DateTimeFormat(locale, options));
    return dateFormats.get(key);
  };

  /** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' in words: "1951", "June 1951", "14 June 1951". */
  t.date = (date, { short = false } = {}) => {
    const [year, month, day] = String(date).split('-').map(Number);
    if (!year) return String(date);
    const when = new Date(Date.UTC(year, (month || 1) - 1, day || 1));
    when.setUTCFullYear(year); // years 0–99 are not 1900–1999
    const options = { timeZone: 'UTC', year: 'numeric' };
    if (month) options.month = short ? 'short' : 'long';
    if (month && day) options.day = 'numeric';
    return dateFormat(options).format(when);
  };

  t.lang = Object.hasOwn(STRINGS, lang) ? lang : 'en';
  t.dir = RIGHT_TO_LEFT.includes(t.lang) ? 'rtl' : 'ltr';
  t.locale = locale;
  return t;
}

/**
 * Translates the elements under `root` that ask for it: `data-i18n="key"` replaces the
 * content, `data-i18n-attr="placeholder:key; aria-label:key"` sets attributes.
 */
function translateTree(root, t) {
  for (const element of root.querySelectorAll('[data-i18n]')) t.fill(element, element.dataset.i18n);
  for (const element of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of element.dataset.i18nAttr.split(';')) {
      const [attribute, key] = pair.split(':').map((s) => s.trim());
      if (attribute && key) element.setAttribute(attribute, t(key));
    }
  }
}

/**
 * A document as the module renders it (render.rs), its labels in the reader's language:
 * the field names it writes in English, the footnotes' heading, and the date, written
 * from `date` (ISO, as in RenderedDocument.date). Other metadata names stay as they are.
 * Each block of text takes the direction of its own words (dir="auto").
 */
function translateDocument(root, t, date) {
  // The collection's words keep their own direction, whichever the interface's.
  for (const block of root.querySelectorAll('h1, h2, h3, p, li, dd, blockquote, td, th')) block.dir = 'auto';
  if (t.lang === 'en') return; // the module writes English
  for (const term of root.querySelectorAll('.carrel-metadata dt')) {
    const english = term.textContent;
    if (!Object.hasOwn(STRINGS.en, `field.${english}`)) continue;
    term.textContent = t(`field.${english}`);
    if (english === 'Date' && date && term.nextElementSibling) term.nextElementSibling.textContent = t.date(date);
  }
  for (const notes of root.querySelectorAll('.carrel-footnotes')) {
    notes.setAttribute('aria-label', t('field.Notes'));
    const heading = notes.querySelector('h2, h3');
    if (heading) heading.textContent = t('field.Notes');
  }
}

export { STRINGS, pickLanguage, translateDocument, translateTree, translator };
