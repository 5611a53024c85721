/* The web questionnaire, made quicker with JavaScript: fill a question's empty cells in one tap, jump to the next unanswered cell from where one is, save and come back to the same place, a live answered count, a warning before leaving unsaved answers. The page works without it. */
// @ts-check
(function () {
  'use strict';
  var form = /** @type {HTMLFormElement | null} */ (document.querySelector('form.answers'));
  if (!form) return;

  var progress = document.getElementById('progress');
  var count = progress && progress.querySelector('.n');
  var status = document.getElementById('bar-status');
  var next = document.getElementById('next-empty');
  var bar = document.getElementById('gui');
  var cells = Array.prototype.slice.call(form.querySelectorAll('fieldset.cell'));
  /** @param {number} n */
  var vi = function (n) {
    return n.toLocaleString('vi-VN');
  };

  /** @param {Element} cell */
  function isAnswered(cell) {
    return cell.querySelector('input[type=radio]:checked') !== null;
  }

  function answered() {
    var n = 0;
    for (var i = 0; i < cells.length; i++) if (isAnswered(cells[i])) n++;
    return n;
  }

  /** @param {string} text */
  function say(text) {
    if (status) status.textContent = text;
  }

  function update() {
    if (count) count.textContent = vi(answered());
  }

  var sections = Array.prototype.slice.call(form.querySelectorAll('section.question'));

  // The sticky question heading covers the top of the screen: jumps land below it (CSS has a fallback height).
  function setScrollMargin() {
    for (var i = 0; i < sections.length; i++) {
      var head = sections[i].querySelector('.qhead');
      if (head) sections[i].style.setProperty('--qhead-h', Math.ceil(head.getBoundingClientRect().height + 8) + 'px');
    }
  }

  /** The height of the heading stuck at the top now: that of the question on screen. */
  function headHeight() {
    for (var i = 0; i < sections.length; i++) {
      if (sections[i].getBoundingClientRect().bottom > 0) {
        var head = sections[i].querySelector('.qhead');
        return head ? head.getBoundingClientRect().bottom : 0;
      }
    }
    return 0;
  }

  /** The first cell whose row is still on screen below the sticky heading: where the person is. */
  function currentIndex() {
    var line = headHeight();
    for (var i = 0; i < cells.length; i++) if (cells[i].getBoundingClientRect().bottom > line) return i;
    return cells.length - 1;
  }

  /** The cell answered last, to go on after it while it is still on screen. */
  var last = -1;
  function startIndex() {
    var here = currentIndex();
    if (last < 0) return here;
    var r = cells[last].getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight ? last + 1 : here;
  }

  var dirty = false;
  form.addEventListener('change', function (e) {
    var cell = e.target && /** @type {Element} */ (e.target).closest ? /** @type {Element} */ (e.target).closest('fieldset.cell') : null;
    if (cell) last = cells.indexOf(cell);
    // "Saved at …" no longer holds once something changed; the bar shrinks back.
    var saved = document.getElementById('luu');
    if (saved) saved.parentNode.removeChild(saved);
    dirty = true;
    say('');
    update();
  });
  form.addEventListener('submit', function (e) {
    dirty = false;
    // Saving brings the person back to this cell instead of the top of the page.
    var at = /** @type {HTMLInputElement | null} */ (form.querySelector('input[name=at]'));
    if (at && cells.length) at.value = cells[currentIndex()].id;
    if (e.submitter && /** @type {HTMLButtonElement} */ (e.submitter).value === 'submit' && at) at.value = '';
  });
  window.addEventListener('beforeunload', function (e) {
    if (!dirty) return;
    e.preventDefault();
    e.returnValue = '';
  });

  // "Next unanswered": after the cell just answered (or from the top of the screen), onwards, then from the top.
  if (next) {
    next.addEventListener('click', function (e) {
      e.preventDefault();
      var from = startIndex();
      var target = null;
      for (var k = 0; k < cells.length && !target; k++) {
        var cell = cells[(from + k) % cells.length];
        if (!isAnswered(cell)) target = cell;
      }
      if (!target) {
        say('Đã trả lời tất cả các ô. Xin bấm “Gửi phiếu”.');
        var send = bar && /** @type {HTMLButtonElement | null} */ (bar.querySelector('button[value=submit]'));
        if (send) send.focus();
        return;
      }
      target.scrollIntoView({ block: 'start' });
      var first = target.querySelector('input[type=radio]');
      if (first) first.focus({ preventScroll: true });
    });
  }

  // One row of buttons per question that rates more than one unit: fills the cells still empty; when none is empty,
  // it asks before replacing answers already chosen.
  for (var q = 0; q < sections.length; q++) addFill(sections[q]);

  /** @param {Element} section */
  function addFill(section) {
    var own = section.querySelectorAll('fieldset.cell');
    if (own.length < 2) return;
    var first = /** @type {NodeListOf<HTMLInputElement>} */ (own[0].querySelectorAll('input[type=radio]'));
    var qcode = section.querySelector('.qcode');
    var qname = qcode ? qcode.textContent.replace(/\.$/, '') : '';
    var row = document.createElement('div');
    row.className = 'same-all';
    var caption = document.createElement('span');
    caption.className = 'caption';
    caption.textContent = 'Chọn nhanh cho các đơn vị còn trống:';
    row.appendChild(caption);
    for (var i = 0; i < first.length; i++) {
      var value = first[i].value;
      var label = first[i].parentNode.querySelector('.olabel');
      var name = label ? label.textContent : value;
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'secondary';
      button.setAttribute('data-value', value);
      button.textContent = value;
      button.title = name;
      // The spoken name starts with the visible code (WCAG 2.5.3) and says what the button does.
      var spoken = document.createElement('span');
      spoken.className = 'sr-only';
      spoken.textContent = ' ' + name + ', cho các đơn vị còn trống' + (qname ? ' ở ' + qname : '');
      button.appendChild(spoken);
      button.addEventListener('click', fill(own, value, name, qname));
      row.appendChild(button);
    }
    section.insertBefore(row, own[0]);
  }

  /** @param {Element} cell @param {string} value */
  function choose(cell, value) {
    var radios = /** @type {NodeListOf<HTMLInputElement>} */ (cell.querySelectorAll('input[type=radio]'));
    for (var j = 0; j < radios.length; j++) if (radios[j].value === value) radios[j].checked = true;
  }

  /** @param {NodeListOf<Element>} own @param {string} value @param {string} name @param {string} qname */
  function fill(own, value, name, qname) {
    return function () {
      var empty = [];
      var other = 0;
      for (var i = 0; i < own.length; i++) {
        var checked = /** @type {HTMLInputElement | null} */ (own[i].querySelector('input[type=radio]:checked'));
        if (!checked) empty.push(own[i]);
        else if (checked.value !== value) other++;
      }
      if (empty.length) {
        for (var k = 0; k < empty.length; k++) choose(empty[k], value);
        say(
          'Đã chọn “' +
            value +
            '. ' +
            name +
            '” cho ' +
            vi(empty.length) +
            ' đơn vị còn trống' +
            (qname ? ' ở ' + qname : '') +
            '; các lựa chọn đã có được giữ nguyên.',
        );
      } else if (other === 0) {
        say('Mọi đơn vị' + (qname ? ' ở ' + qname : '') + ' đã được chọn “' + value + '. ' + name + '”.');
        return;
      } else {
        var sure = window.confirm(
          'Mọi đơn vị' + (qname ? ' ở ' + qname : '') + ' đã có câu trả lời. Thay ' + vi(other) + ' lựa chọn khác bằng “' + value + '. ' + name + '”?',
        );
        if (!sure) return;
        for (var m = 0; m < own.length; m++) choose(own[m], value);
        say('Đã thay ' + vi(other) + ' lựa chọn bằng “' + value + '. ' + name + '”.');
      }
      dirty = true;
      update();
    };
  }

  // A very long question text scrolls inside its sticky heading; keyboard users must be able to scroll it too.
  var heads = form.querySelectorAll('.qhead h2');
  for (var h = 0; h < heads.length; h++) if (heads[h].scrollHeight > heads[h].clientHeight + 1) heads[h].setAttribute('tabindex', '0');

  setScrollMargin();
  window.addEventListener('resize', setScrollMargin);
  var summary = document.getElementById('loi');
  if (summary) summary.focus();
  update();
})();
