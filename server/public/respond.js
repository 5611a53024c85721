/* The web questionnaire, made quicker with JavaScript: one click for the same answer on every unit, a live answered count, a warning before leaving unsaved answers. The page works without it. */
(function () {
  'use strict';
  var form = document.querySelector('form.answers');
  if (!form) return;

  var progress = document.getElementById('progress');
  var count = progress && progress.querySelector('.n');

  function answered() {
    var names = {};
    var checked = form.querySelectorAll('input[type=radio]:checked');
    for (var i = 0; i < checked.length; i++) names[checked[i].name] = true;
    return Object.keys(names).length;
  }

  function update() {
    if (count) count.textContent = String(answered());
  }

  var dirty = false;
  form.addEventListener('change', function () {
    dirty = true;
    update();
  });
  form.addEventListener('submit', function () {
    dirty = false;
  });
  window.addEventListener('beforeunload', function (e) {
    if (!dirty) return;
    e.preventDefault();
    e.returnValue = '';
  });

  // "Same answer for every unit": one row of buttons per question that rates more than one unit.
  var questions = form.querySelectorAll('fieldset.question');
  for (var q = 0; q < questions.length; q++) addSameAll(questions[q]);

  function addSameAll(fieldset) {
    var cells = fieldset.querySelectorAll('fieldset.cell');
    if (cells.length < 2) return;
    var first = cells[0].querySelectorAll('input[type=radio]');
    var qcode = fieldset.querySelector('legend .qcode');
    var bar = document.createElement('div');
    bar.className = 'same-all';
    var caption = document.createElement('span');
    caption.textContent = 'Chọn cùng một phương án cho mọi đơn vị:';
    bar.appendChild(caption);
    for (var i = 0; i < first.length; i++) {
      var value = first[i].value;
      var label = first[i].parentNode.querySelector('.olabel');
      var button = document.createElement('button');
      button.type = 'button';
      button.setAttribute('data-value', value);
      button.textContent = value;
      button.title = label ? label.textContent : value;
      // The spoken name starts with the visible code (WCAG 2.5.3) and says what the button does.
      var spoken = document.createElement('span');
      spoken.className = 'sr-only';
      spoken.textContent = ' ' + (label ? label.textContent : '') + ', cho mọi đơn vị' + (qcode ? ' ở ' + qcode.textContent.replace(/\.$/, '') : '');
      button.appendChild(spoken);
      button.addEventListener('click', fill(cells, value));
      bar.appendChild(button);
    }
    var head = fieldset.querySelector('.opt-head');
    fieldset.insertBefore(bar, head || cells[0]);
  }

  function fill(cells, value) {
    return function () {
      for (var i = 0; i < cells.length; i++) {
        var radios = cells[i].querySelectorAll('input[type=radio]');
        for (var j = 0; j < radios.length; j++) if (radios[j].value === value) radios[j].checked = true;
      }
      dirty = true;
      update();
    };
  }

  var summary = document.getElementById('loi');
  if (summary) summary.focus();
  update();
})();
