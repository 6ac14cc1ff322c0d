; pith tags query: Python. Capture contract: src/index/extract.ts.

(module (expression_statement (assignment left: (identifier) @name) @definition.constant) (#match? @name "^[A-Z][A-Z0-9_]*$"))
(module (expression_statement (assignment left: (identifier) @name) @definition.variable))
(class_definition body: (block (expression_statement (assignment left: (identifier) @name) @definition.field)))

(class_definition name: (identifier) @name) @definition.class
(function_definition name: (identifier) @name) @definition.function

; References used for ranking.
(call function: (identifier) @reference)
(call function: (attribute attribute: (identifier) @reference))
(attribute object: (identifier) @reference)
(class_definition superclasses: (argument_list (identifier) @reference))
(type (identifier) @reference)
(decorator (identifier) @reference)
