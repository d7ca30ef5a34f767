/* Coinwatch dashboard: the REST API for history and state, the SSE stream for live candles and indicator values.
   Every URL is relative, so the page works wherever the app (or the gateway in front of the roles) serves it. */
(function () {
  'use strict';

  const API = 'api/v1/';
  const INTERVALS = ['5m', '15m', '30m', '1h', '2h', '4h', '6h', '12h', '1d', '1w'];
  const LIMIT = 300;
  const PANEL_REFRESH_MS = 15000;
  const UP = '#26a69a', DOWN = '#ef5350';

  const state = {
    exchange: null, symbol: null, interval: '1h', exchanges: [],
    candles: [], indicators: { bbands: new Map(), rsi: new Map(), macd: new Map() },
    stream: null, liveUpdates: 0, chart: null, indicatorRefresh: null
  };

  const $ = (id) => document.getElementById(id);
  const indicatorOn = (name) => $('ind-' + name).checked;

  async function get(path) {
    const response = await fetch(API + path, { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      throw new Error(path + ': HTTP ' + response.status);
    }
    return response.json();
  }

  function text(el, value) { el.textContent = value; }

  function element(tag, className, content) {
    const el = document.createElement(tag);
    if (className) { el.className = className; }
    if (content !== undefined) { el.textContent = content; }
    return el;
  }

  function duration(seconds) {
    if (seconds === null || seconds === undefined) { return '–'; }
    if (seconds < 60) { return seconds + ' s'; }
    if (seconds < 3600) { return Math.round(seconds / 60) + ' min'; }
    return (seconds / 3600).toFixed(1) + ' h';
  }

  function timeLabel(ms) {
    const d = new Date(ms);
    const pad = (n) => String(n).padStart(2, '0');
    const date = d.getUTCFullYear() + '-' + pad(d.getUTCMonth() + 1) + '-' + pad(d.getUTCDate());
    return state.interval === '1d' || state.interval === '1w' ? date : date + ' ' + pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes());
  }

  /* ---------- exchanges and symbols ---------- */

  async function loadExchanges() {
    let names = ['bybit', 'binance'];
    try {
      const health = await get('system/health');
      const listed = (((health.components || {}).exchanges || {}).details || {}).exchanges || [];
      if (listed.length) { names = [...new Set(listed.map((e) => e.exchange))]; }
    } catch (e) { /* health unavailable: keep the defaults */ }
    // Vendors (CoinGecko, Reddit) show in health too; an exchange is what lists symbols.
    const checked = await Promise.all(names.map((n) => get('market-data/symbols?exchange=' + encodeURIComponent(n))
      .then((body) => (body.symbols.length ? n : null)).catch(() => null)));
    state.exchanges = checked.filter((n) => n);
    const select = $('exchange');
    select.replaceChildren(...state.exchanges.map((n) => element('option', null, n)));
    state.exchange = state.exchanges[0] || 'bybit';
    select.value = state.exchange;
  }

  async function loadSymbols() {
    const body = await get('market-data/symbols?exchange=' + encodeURIComponent(state.exchange));
    const active = body.symbols.filter((s) => s.active).map((s) => s.symbol).sort();
    $('symbols').replaceChildren(...active.map((s) => { const o = element('option'); o.value = s; return o; }));
    if (!active.includes(state.symbol)) {
      state.symbol = active.includes('BTCUSDT') ? 'BTCUSDT' : active[0];
    }
    $('symbol').value = state.symbol || '';
    return active;
  }

  /* ---------- chart ---------- */

  async function loadChart() {
    if (!state.symbol) { return; }
    const query = '?exchange=' + encodeURIComponent(state.exchange) + '&interval=' + state.interval;
    text($('chart-status'), 'loading…');
    const body = await get('market-data/klines/' + encodeURIComponent(state.symbol) + query + '&limit=' + LIMIT);
    state.candles = body.klines;
    state.liveUpdates = 0;
    await loadIndicators();
    text($('chart-title'), state.exchange + ' · ' + state.symbol + ' · ' + state.interval);
    render();
    openStream();
  }

  /* The indicator series of the candles shown; the stream brings only each indicator's latest value. */
  async function loadIndicators() {
    const query = '?exchange=' + encodeURIComponent(state.exchange) + '&interval=' + state.interval;
    for (const name of Object.keys(state.indicators)) {
      const values = new Map();
      if (state.candles.length) {
        try {
          const body = await get('market-data/indicators/' + encodeURIComponent(state.symbol) + '/' + name + query
            + '&start=' + state.candles[0].openTime + '&limit=' + state.candles.length);
          body.values.forEach((v) => values.set(v.openTime, v));
        } catch (e) { /* an indicator without enough history stays empty */ }
      }
      state.indicators[name] = values;
    }
  }

  function layout() {
    const panes = ['rsi', 'macd'].filter(indicatorOn);
    const paneHeight = 14, gap = 4;
    const priceHeight = 86 - 12 - panes.length * (paneHeight + gap) - gap;
    const grids = [{ top: '3%', height: priceHeight + '%' }, { top: (3 + priceHeight + gap) + '%', height: '12%' }];
    let top = 3 + priceHeight + gap + 12 + gap;
    panes.forEach(() => { grids.push({ top: top + '%', height: paneHeight + '%' }); top += paneHeight + gap; });
    return { grids: grids.map((g) => Object.assign({ left: 64, right: 24 }, g)), panes };
  }

  function series(name, field) {
    const values = state.indicators[name];
    return state.candles.map((c) => { const v = values.get(c.openTime); return v ? v[field] : null; });
  }

  function render() {
    if (!state.chart) {
      state.chart = window.echarts.init($('chart'), 'dark', { renderer: 'canvas' });
      window.addEventListener('resize', () => state.chart.resize());
    }
    const { grids, panes } = layout();
    const categories = state.candles.map((c) => timeLabel(c.openTime));
    const axisIndexes = grids.map((g, i) => i);
    const xAxis = grids.map((g, i) => ({
      type: 'category', gridIndex: i, data: categories, boundaryGap: true,
      axisLabel: { show: i === grids.length - 1 }, axisTick: { show: i === grids.length - 1 }
    }));
    // Volume bars start at zero; prices and indicators fit their range.
    const yAxis = grids.map((g, i) => ({ scale: i !== 1, gridIndex: i, splitNumber: i === 0 ? 5 : 2,
      axisLabel: { fontSize: 10 }, splitLine: { lineStyle: { color: '#2a323d' } } }));
    const list = [
      { name: 'Price', type: 'candlestick', xAxisIndex: 0, yAxisIndex: 0,
        itemStyle: { color: UP, color0: DOWN, borderColor: UP, borderColor0: DOWN },
        data: state.candles.map((c) => [+c.open, +c.close, +c.low, +c.high]) },
      { name: 'Volume', type: 'bar', xAxisIndex: 1, yAxisIndex: 1,
        data: state.candles.map((c) => ({ value: +c.volume, itemStyle: { color: +c.close >= +c.open ? UP : DOWN } })) }
    ];
    if (indicatorOn('bbands')) {
      ['upper', 'middle', 'lower'].forEach((field) => list.push({ name: 'BB ' + field, type: 'line', xAxisIndex: 0, yAxisIndex: 0,
        data: series('bbands', field), showSymbol: false, connectNulls: true, lineStyle: { width: 1, opacity: field === 'middle' ? 0.6 : 0.9 },
        color: '#7e8fa6' }));
    }
    panes.forEach((pane, i) => {
      const axis = 2 + i;
      if (pane === 'rsi') {
        list.push({ name: 'RSI', type: 'line', xAxisIndex: axis, yAxisIndex: axis, data: series('rsi', 'value'),
          showSymbol: false, connectNulls: true, color: '#b28dff', lineStyle: { width: 1 },
          markLine: { silent: true, symbol: 'none', lineStyle: { color: '#555', type: 'dashed' }, label: { show: false },
            data: [{ yAxis: 30 }, { yAxis: 70 }] } });
        yAxis[axis].min = 0; yAxis[axis].max = 100;
      } else {
        list.push({ name: 'MACD', type: 'line', xAxisIndex: axis, yAxisIndex: axis, data: series('macd', 'macd'),
          showSymbol: false, connectNulls: true, color: '#4c8dff', lineStyle: { width: 1 } });
        list.push({ name: 'Signal', type: 'line', xAxisIndex: axis, yAxisIndex: axis, data: series('macd', 'signal'),
          showSymbol: false, connectNulls: true, color: '#f0ad4e', lineStyle: { width: 1 } });
        list.push({ name: 'Histogram', type: 'bar', xAxisIndex: axis, yAxisIndex: axis,
          data: series('macd', 'histogram').map((v) => ({ value: v, itemStyle: { color: v >= 0 ? UP : DOWN } })) });
      }
    });
    state.chart.setOption({
      backgroundColor: 'transparent', animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'cross' } },
      axisPointer: { link: [{ xAxisIndex: 'all' }] },
      grid: grids, xAxis, yAxis, series: list,
      dataZoom: [{ type: 'inside', xAxisIndex: axisIndexes, start: 40, end: 100 },
        { type: 'slider', xAxisIndex: axisIndexes, bottom: 4, height: 16, start: 40, end: 100 }]
    }, { notMerge: true });
    const last = state.candles[state.candles.length - 1];
    $('chart').dataset.candles = String(state.candles.length);
    text($('chart-status'), state.candles.length + ' candles' + (last ? ', last ' + timeLabel(last.openTime) + ' UTC, close ' + last.close : '')
      + ' · live updates: ' + state.liveUpdates);
  }

  /* ---------- live stream ---------- */

  function setLive(on, label) {
    const badge = $('live');
    badge.className = 'badge ' + (on ? 'on' : 'off');
    text(badge, label);
  }

  function openStream() {
    if (state.stream) { state.stream.close(); }
    const indicators = Object.keys(state.indicators).join(',');
    const url = API + 'market-data/stream?symbols=' + encodeURIComponent(state.symbol) + '&exchange='
      + encodeURIComponent(state.exchange) + '&interval=' + state.interval + '&indicators=' + indicators;
    const stream = new EventSource(url);
    state.stream = stream;
    stream.addEventListener('ready', () => setLive(true, 'live'));
    stream.addEventListener('candle', (e) => onCandle(JSON.parse(e.data)));
    stream.addEventListener('indicator', (e) => onIndicator(JSON.parse(e.data)));
    // EventSource reconnects by itself and sends Last-Event-ID, so nothing is missed.
    stream.onerror = () => setLive(false, 'reconnecting…');
  }

  function current(event) {
    return event.symbol === state.symbol && event.exchange === state.exchange && event.interval === state.interval;
  }

  function onCandle(candle) {
    if (!current(candle)) { return; }
    const last = state.candles[state.candles.length - 1];
    if (last && last.openTime === candle.openTime) {
      state.candles[state.candles.length - 1] = candle;
    } else if (!last || candle.openTime > last.openTime) {
      state.candles.push(candle);
      if (state.candles.length > LIMIT * 2) { state.candles.shift(); }
    }
    state.liveUpdates++;
    $('chart').dataset.liveUpdates = String(state.liveUpdates);
    setLive(true, 'live · ' + new Date().toISOString().substring(11, 19));
    render();
    // A sync that stored several candles sends one indicator value per indicator: fill the ones between once it settles.
    clearTimeout(state.indicatorRefresh);
    state.indicatorRefresh = setTimeout(() => loadIndicators().then(render).catch(() => {}), 1500);
  }

  function onIndicator(value) {
    if (!current(value) || !state.indicators[value.indicator]) { return; }
    state.indicators[value.indicator].set(value.openTime, value);
    render();
  }

  /* ---------- panels ---------- */

  async function loadHealth() {
    const status = $('health-status');
    try {
      const response = await fetch(API + 'system/health', { headers: { Accept: 'application/json' } });
      const health = await response.json();
      text(status, health.status);
      status.className = 'status ' + health.status;
      $('health-components').replaceChildren(...Object.entries(health.components || {}).map(([name, c]) => {
        const li = element('li');
        li.append(element('span', null, name), element('span', c.status, c.status));
        return li;
      }));
    } catch (e) {
      text(status, 'unreachable');
      status.className = 'status DOWN';
    }
  }

  async function loadBackfill() {
    const blocks = await Promise.all(state.exchanges.map(async (exchange) => {
      const block = element('div', 'exchange');
      try {
        const report = await get('market-data/backfill/status?exchange=' + encodeURIComponent(exchange));
        const o = report.overall;
        const done = (o.byStatus && o.byStatus.done) || 0;
        const head = element('div', 'row');
        head.append(element('strong', null, exchange), element('span', null, o.percent.toFixed(1) + ' %'));
        const bar = element('div', 'bar');
        const fill = element('span');
        fill.style.width = Math.min(100, o.percent) + '%';
        bar.append(fill);
        const foot = element('div', 'row');
        foot.append(element('span', null, done + '/' + o.symbols + ' symbols done'), element('span', null, 'ETA ' + duration(o.etaSeconds)));
        block.append(head, bar, foot);
      } catch (e) {
        block.append(element('div', 'row', exchange + ': unavailable'));
      }
      return block;
    }));
    $('backfill').replaceChildren(...blocks);
  }

  async function loadAlerts() {
    try {
      const body = await get('system/alerts');
      const open = body.alerts.filter((a) => !a.resolvedAt);
      text($('alert-count'), String(open.length));
      $('alerts').replaceChildren(...(open.length ? open.map((a) => {
        const li = element('li');
        li.append(element('span', a.status, a.kind + ' · ' + a.subject), element('span', 'muted small', a.message || ''));
        return li;
      }) : [element('li', 'muted', 'none')]));
    } catch (e) {
      $('alerts').replaceChildren(element('li', 'muted', 'unavailable'));
    }
  }

  async function loadGaps() {
    const rows = await Promise.all(state.exchanges.map(async (exchange) => {
      const tr = element('tr');
      tr.append(element('td', null, exchange));
      try {
        const body = await get('market-data/gaps?exchange=' + encodeURIComponent(exchange) + '&limit=10000');
        ['open', 'repaired', 'unfillable'].forEach((s) => tr.append(element('td', null,
          String(body.gaps.filter((g) => g.status === s).length))));
      } catch (e) {
        tr.append(element('td', 'muted', '–'), element('td', 'muted', '–'), element('td', 'muted', '–'));
      }
      return tr;
    }));
    $('gaps').tBodies[0].replaceChildren(...rows);
  }

  async function refreshPanels() {
    await Promise.all([loadHealth(), loadBackfill(), loadAlerts(), loadGaps()]);
    text($('updated'), new Date().toISOString().substring(11, 19) + ' UTC');
  }

  /* ---------- controls ---------- */

  function intervalButtons() {
    $('intervals').replaceChildren(...INTERVALS.map((code) => {
      const button = element('button', code === state.interval ? 'active' : null, code);
      button.type = 'button';
      button.addEventListener('click', () => {
        state.interval = code;
        intervalButtons();
        loadChart().catch(showError);
      });
      return button;
    }));
  }

  function showError(e) {
    text($('chart-status'), String(e.message || e));
  }

  async function start() {
    // ?exchange=&symbol=&interval= open a given chart (a link to share, or a test).
    const wanted = new URLSearchParams(window.location.search);
    if (INTERVALS.includes(wanted.get('interval'))) { state.interval = wanted.get('interval'); }
    state.symbol = wanted.get('symbol');
    intervalButtons();
    await loadExchanges();
    if (state.exchanges.includes(wanted.get('exchange'))) {
      state.exchange = wanted.get('exchange');
      $('exchange').value = state.exchange;
    }
    await loadSymbols();
    $('exchange').addEventListener('change', async (e) => {
      state.exchange = e.target.value;
      await loadSymbols();
      loadChart().catch(showError);
    });
    $('symbol').addEventListener('change', (e) => {
      const wanted = e.target.value.trim().toUpperCase();
      const known = [...$('symbols').options].some((o) => o.value === wanted);
      if (known) {
        state.symbol = wanted;
        loadChart().catch(showError);
      } else {
        showError(new Error('Unknown symbol ' + wanted + ' on ' + state.exchange));
      }
    });
    ['bbands', 'rsi', 'macd'].forEach((name) => $('ind-' + name).addEventListener('change', render));
    await Promise.all([loadChart(), refreshPanels()]);
    setInterval(() => refreshPanels().catch(() => {}), PANEL_REFRESH_MS);
  }

  start().catch(showError);
}());
