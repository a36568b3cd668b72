// Injected by ReportPageBrowserTest before the page's content security policy: records script
// errors, then on load measures what the browser actually laid out and writes it as JSON into
// a pre element with id presso-probe for the test to read from the dumped DOM.
(function () {
  const errors = [];
  window.addEventListener('error', event => errors.push(String(event.message)));
  const overlap = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const pairs = boxes => {
    let count = 0;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        if (overlap(boxes[i], boxes[j])) count++;
      }
    }
    return count;
  };
  window.addEventListener('load', () => {
    const charts = [...document.querySelectorAll('svg.chart')].map(svg => {
      const frame = svg.getBoundingClientRect();
      const inside = element => {
        const box = element.getBoundingClientRect();
        return box.left >= frame.left - 0.5 && box.right <= frame.right + 0.5
            && box.top >= frame.top - 0.5 && box.bottom <= frame.bottom + 0.5;
      };
      const drawn = [...svg.querySelectorAll('circle, rect, text, polyline, line')];
      const labels = [...svg.querySelectorAll('text.point-label')];
      return {
        kind: svg.getAttribute('class'),
        metric: svg.dataset.metric || '',
        variant: svg.dataset.variant || '',
        width: frame.width,
        height: frame.height,
        points: [...svg.querySelectorAll('circle.point')].map(point => point.dataset.variant),
        labels: labels.map(label => label.textContent),
        labelOverlaps: pairs(labels.map(label => label.getBoundingClientRect())),
        cells: svg.querySelectorAll('rect.cell').length,
        cellLabels: [...svg.querySelectorAll('text.cell-label')].map(label => label.textContent),
        searchPoints: svg.querySelectorAll('circle.search-point').length,
        allocationBars: svg.querySelectorAll('rect.allocation-bar').length,
        outside: drawn.filter(element => !inside(element)).map(element => element.outerHTML.slice(0, 80)),
      };
    });
    const rows = [...document.querySelectorAll('table.results tr[data-variant]')]
        .map(row => [...row.cells].map(cell => cell.textContent.trim()));
    const result = {
      errors,
      mode: document.compatMode,
      resources: performance.getEntriesByType('resource').map(entry => entry.name),
      title: document.title,
      charts,
      rows,
    };
    const out = document.createElement('pre');
    out.id = 'presso-probe';
    out.textContent = JSON.stringify(result);
    document.body.appendChild(out);
  });
})();
