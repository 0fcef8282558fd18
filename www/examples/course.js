// The course page listens to its <carrel-search>: every document opened joins a reading
// trail, so a student can find it again. The same events serve any page that wants to
// react: carrel-ready, carrel-results, carrel-open, carrel-close (see the README).
const search = document.querySelector('carrel-search');
const trail = document.getElementById('trail');
const opened = new Set();

search.addEventListener('carrel-open', (event) => {
  const { id, title } = event.detail;
  if (opened.has(id)) return;
  opened.add(id);
  const item = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'trail-link';
  button.textContent = title || id;
  button.addEventListener('click', () => search.open(id));
  item.append(button);
  trail.append(item);
  document.getElementById('trail-empty').hidden = true;
});
