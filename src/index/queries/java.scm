; pith tags query: Java. Capture contract: src/index/extract.ts.

(field_declaration (modifiers) @_mods declarator: (variable_declarator name: (identifier) @name)
  (#match? @_mods "static") (#match? @_mods "final")) @definition.constant
(field_declaration declarator: (variable_declarator name: (identifier) @name)) @definition.field

(class_declaration name: (identifier) @name) @definition.class
(record_declaration name: (identifier) @name) @definition.class
(interface_declaration name: (identifier) @name) @definition.interface
(annotation_type_declaration name: (identifier) @name) @definition.interface
(enum_declaration name: (identifier) @name) @definition.enum
(method_declaration name: (identifier) @name) @definition.method
(constructor_declaration name: (identifier) @name) @definition.method

; References used for ranking.
(method_invocation name: (identifier) @reference)
(method_invocation object: (identifier) @reference)
(object_creation_expression type: (type_identifier) @reference)
(type_identifier) @reference
